/**
 * Hostile spellings of user input, shared by the tests of every place the
 * portal turns input into a path, a URL, a git ref, a Jenkins parameter or a
 * name. Each value must be refused as a name (DNS-1123 label), as a git ref
 * and as a path segment: none is a legitimate value of any of them.
 *
 * Stand-in for the outside world's worst users; production never imports it.
 */
export interface HostileInput {
  /** What the spelling tries. */
  label: string;
  value: string;
}

const TRAVERSAL: HostileInput[] = [
  { label: 'parent directory', value: '..' },
  { label: 'parent directory with slash', value: '../' },
  { label: 'two parents', value: '../../etc' },
  { label: 'encoded slash', value: '..%2F..%2Fetc' },
  { label: 'encoded slash, lower case', value: '..%2f..%2fetc' },
  { label: 'encoded dots', value: '%2e%2e' },
  { label: 'encoded dots, upper case', value: '%2E%2E%2F' },
  { label: 'half-encoded dots', value: '.%2e' },
  { label: 'half-encoded dots, other half', value: '%2e.' },
  { label: 'encoded backslash', value: '..%5C..%5Cetc' },
  { label: 'backslash', value: '..\\..\\etc' },
  { label: 'double-encoded slash', value: '..%252F..%252Fetc' },
  { label: 'double-encoded dots', value: '%252e%252e' },
  { label: 'overlong UTF-8 dots', value: '%c0%ae%c0%ae' },
  { label: 'full-width dots', value: '\uff0e\uff0e' },
  { label: 'full-width solidus', value: '..\uff0fetc' },
  { label: 'one-dot leaders', value: '\u2024\u2024' },
  { label: 'encoded NUL', value: 'a%00b' },
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'semicolon path parameter', value: '..;' },
  { label: 'semicolon', value: 'a;b' },
  { label: 'trailing dot', value: 'app.' },
  { label: 'three dots', value: '...' },
  { label: 'current directory', value: '.' },
  { label: 'double slash', value: 'a//b' },
  { label: 'leading slash', value: '/etc' },
  { label: 'dot segment inside', value: 'a/../b' },
  { label: 'mixed-case encoded traversal', value: '..%2F..%2fEtc' },
  { label: 'empty', value: '' },
];

const INJECTION: HostileInput[] = [
  { label: 'git option', value: '--upload-pack=touch /tmp/pwned' },
  { label: 'leading hyphen', value: '-rf' },
  { label: 'command substitution', value: '$(id)' },
  { label: 'backticks', value: '`id`' },
  { label: 'pipe', value: 'a|b' },
  { label: 'newline', value: 'main\nACTION=destroy' },
  { label: 'carriage return', value: 'main\r' },
  { label: 'space', value: 'a b' },
  { label: 'ref ancestry', value: 'HEAD~1' },
  { label: 'reflog', value: 'main@{1}' },
  { label: 'revision colon', value: 'HEAD:app-config.yaml' },
  { label: 'glob', value: 'a*' },
  { label: 'query', value: 'a?b=c' },
  { label: 'fragment', value: 'a#b' },
  { label: 'URL with credentials', value: 'https://x@evil.example/' },
  { label: 'Cyrillic look-alike', value: 'm\u0430in' },
  { label: 'zero-width space', value: 'ma\u200bin' },
  { label: 'right-to-left override', value: 'a\u202eb' },
  { label: 'very long', value: 'a'.repeat(300) },
];

/** Every hostile spelling (at least 40). */
export const HOSTILE_INPUTS: readonly HostileInput[] = [
  ...TRAVERSAL,
  ...INJECTION,
];

/** The spellings that try to leave a directory or repository. */
export const HOSTILE_TRAVERSALS: readonly HostileInput[] = TRAVERSAL;

/** `[label, value]` rows for `it.each`. */
export function hostileCases(
  inputs: readonly HostileInput[] = HOSTILE_INPUTS,
): [string, string][] {
  return inputs.map(i => [i.label, i.value]);
}
