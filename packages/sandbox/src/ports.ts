/**
 * Where each stand-in listens: `base + offset`, with the sandbox's control
 * server on `base` itself. One table so the start command (base 7010), the
 * browser tests (their own base) and the backend config agree.
 *
 * The backend finds a stand-in through `SANDBOX_<NAME>_URL` in test config and
 * through the literal local URL in app-config.yaml.
 */
export const STAND_IN_PORT_OFFSETS = {
  keycloak: 1,
  costExplorer: 2,
  jenkins: 3,
  argocd: 4,
  kubernetes: 5,
  slack: 6,
  kakao: 7,
} as const;

export type StandInName = keyof typeof STAND_IN_PORT_OFFSETS;

export const DEFAULT_SANDBOX_PORT_BASE = 7010;

/** `costExplorer` becomes `SANDBOX_COST_EXPLORER_URL`. */
export function standInUrlEnvName(name: StandInName): string {
  return `SANDBOX_${name.replace(/[A-Z]/g, c => `_${c}`).toUpperCase()}_URL`;
}

/** Environment for the backend: the URL of every stand-in for a port base. */
export function standInUrls(base: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(STAND_IN_PORT_OFFSETS).map(([name, offset]) => [
      standInUrlEnvName(name as StandInName),
      `http://localhost:${base + offset}`,
    ]),
  );
}
