/*
 * `@internal/sandbox`: what every test may import without starting a
 * stand-in's heavy dependencies (the Keycloak stand-in's oidc-provider is
 * ESM-only and stays out of Jest): the port table, the Sandbox runner, the
 * shared HTTP and recording helpers and the hostile inputs. Each stand-in
 * has its own entry point: `@internal/sandbox/jenkins`, `/argocd`,
 * `/kubernetes`, `/slack`, `/kakao`, `/cost-explorer`.
 */
export {
  DEFAULT_SANDBOX_PORT_BASE,
  STAND_IN_PORT_OFFSETS,
  standInUrlEnvName,
  standInUrls,
  type StandInName,
} from './ports.ts';
export type { StandIn } from './StandIn.ts';
export { Sandbox, type RunningStandIn } from './Sandbox.ts';
export {
  Recorder,
  type ArmedFailure,
  type RecordedRequest,
} from './recording.ts';
export {
  HOSTILE_INPUTS,
  HOSTILE_TRAVERSALS,
  hostileCases,
  type HostileInput,
} from './hostileInputs.ts';
