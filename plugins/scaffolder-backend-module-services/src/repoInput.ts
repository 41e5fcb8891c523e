import { InputError } from '@backstage/errors';

const SEGMENT = /^[A-Za-z0-9_.-]{1,255}$/;
const REF_COMPONENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

/**
 * What is wrong with a path inside a repository, or undefined when it is
 * safe: relative, `/`-separated, each segment of letters, digits, `_`, `.`
 * and `-`, none of them `.`, `..`, ending in a dot or starting with `-`.
 * Nothing is decoded: an escape (`%2F`), a backslash or any other character
 * is refused, so no spelling of `..` gets through.
 */
export function repoPathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    return 'a path is required';
  }
  if (value.length > 1024) return 'the path is longer than 1024 characters';
  for (const segment of value.split('/')) {
    if (!SEGMENT.test(segment)) {
      return segment
        ? `the path segment ${JSON.stringify(
            segment,
          )} may only use letters, digits, '_', '.' and '-'`
        : 'the path has an empty segment (a leading, trailing or double slash)';
    }
    if (/^\.+$/.test(segment) || segment.endsWith('.')) {
      return `the path segment ${JSON.stringify(
        segment,
      )} is a dot segment or ends with a dot`;
    }
    if (segment.startsWith('-')) {
      return `the path segment ${JSON.stringify(segment)} starts with '-'`;
    }
  }
  return undefined;
}

/** Throws an InputError unless the value is a safe path inside a repository. */
export function assertRepoPath(
  value: unknown,
  what = 'path',
): asserts value is string {
  const problem = repoPathProblem(value);
  if (problem) {
    throw new InputError(
      `Invalid ${what} ${JSON.stringify(value)}: ${problem}`,
    );
  }
}

/**
 * What is wrong with a git branch or tag name, or undefined when it is safe:
 * `/`-separated components of letters, digits, `_`, `.` and `-`, not
 * starting with `-` or `.`, without `..`, not ending in `.` or `.lock`
 * (a subset of git check-ref-format that is also safe on a command line).
 */
export function gitRefProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0)
    return 'a ref is required';
  if (value.length > 200) return 'the ref is longer than 200 characters';
  for (const component of value.split('/')) {
    if (!REF_COMPONENT.test(component)) {
      return "each part of a ref is letters, digits, '_', '.' and '-', not starting with '-' or '.'";
    }
    if (
      component.includes('..') ||
      component.endsWith('.') ||
      component.endsWith('.lock')
    ) {
      return "a ref may not contain '..' or end with '.' or '.lock'";
    }
  }
  return undefined;
}

/** Throws an InputError unless the value is a safe git branch or tag name. */
export function assertGitRef(value: unknown): asserts value is string {
  const problem = gitRefProblem(value);
  if (problem) {
    throw new InputError(
      `Invalid git ref ${JSON.stringify(value)}: ${problem}`,
    );
  }
}
