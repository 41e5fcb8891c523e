import type { StandIn } from './StandIn.ts';
import { jenkinsStandIn } from './jenkins/JenkinsStandIn.ts';
import { keycloakStandIn } from './keycloak/KeycloakStandIn.ts';
import { SlackStandIn } from './slack/SlackStandIn.ts';
import { KakaoStandIn } from './kakao/KakaoStandIn.ts';
import { argocdStandIn } from './argocd/argocdStandIn.ts';
import { kubernetesStandIn } from './kubernetes/kubernetesStandIn.ts';
import { costExplorerStandIn } from './cost-explorer/index.ts';

/**
 * Every stand-in the sandbox runs. Each issue that adds an outside system adds
 * its stand-in here; production config never points at any of them.
 */
export const standIns: StandIn[] = [
  keycloakStandIn(),
  new SlackStandIn(),
  new KakaoStandIn(),
  argocdStandIn,
  kubernetesStandIn,
  jenkinsStandIn(),
  costExplorerStandIn,
];
