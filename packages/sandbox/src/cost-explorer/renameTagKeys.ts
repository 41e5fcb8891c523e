import type { LineModel } from './exampleAccount.ts';

/**
 * The same account with its cost-allocation tags called otherwise, e.g.
 * `{ environment: 'env', service: 'app' }`: real accounts name their tags
 * as they like (`Environment`, `kubernetes.io/cluster`, `team:app`), and
 * the collector must read the keys it is configured with.
 */
export function renameTagKeys(
  model: LineModel,
  renames: Record<string, string>,
): LineModel {
  const cache = new Map<string, ReturnType<LineModel['lines']>>();
  return {
    ...model,
    lines(day) {
      const cached = cache.get(day);
      if (cached) return cached;
      const lines = model.lines(day).map(line => ({
        ...line,
        tags: Object.fromEntries(
          Object.entries(line.tags).map(([k, v]) => [renames[k] ?? k, v]),
        ),
      }));
      cache.set(day, lines);
      return lines;
    },
  };
}
