import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { isError } from '@backstage/errors';

/** Absolute paths (and file:// URLs) of two or more segments, not inside a URL. */
const ABSOLUTE_PATH = /(?<![\w.:/~-])(?:file:\/\/)?(?:\/[\w.@+~-]+){2,}\/?/g;

/**
 * The error as a task log may show it: the scaffolder writes a failed step's
 * `stack` into the log, which everyone allowed to read the task sees. The
 * stack becomes `{name}: {message}` and absolute server paths in the message
 * shrink to their last segment.
 */
export function publicError(error: unknown): Error {
  const e = isError(error) ? (error as Error) : new Error(String(error));
  const message = e.message.replace(ABSOLUTE_PATH, match => {
    const segments = match.replace(/\/+$/, '').split('/');
    return `…/${segments[segments.length - 1]}`;
  });
  const safe = e as Error & { cause?: unknown };
  safe.message = message;
  safe.stack = `${e.name}: ${message}`;
  delete safe.cause;
  return safe;
}

/** The action, its failures passed through publicError. */
export function withPublicErrors<A extends TemplateAction<any, any, any>>(
  action: A,
): A {
  const handler = action.handler;
  return {
    ...action,
    async handler(ctx: Parameters<A['handler']>[0]) {
      try {
        return await handler(ctx);
      } catch (error) {
        throw publicError(error);
      }
    },
  } as A;
}
