import type { StandIn } from './StandIn.ts';
import { jenkinsStandIn } from './jenkins/JenkinsStandIn.ts';
import { keycloakStandIn } from './keycloak/KeycloakStandIn.ts';
import { slackStandIn } from './slack/SlackStandIn.ts';
import { kakaoStandIn } from './kakao/KakaoStandIn.ts';
import { argocdStandIn } from './argocd/ArgoCdStandIn.ts';
import { kubernetesStandIn } from './kubernetes/KubernetesStandIn.ts';
import { costExplorerStandIn } from './cost-explorer/index.ts';

/**
 * Every stand-in the sandbox runs, each made by its `xStandIn()` factory.
 * Each issue that adds an outside system adds its stand-in here; production
 * config never points at any of them.
 */
export const standIns: StandIn[] = [
  keycloakStandIn(),
  slackStandIn(),
  kakaoStandIn(),
  argocdStandIn(),
  kubernetesStandIn(),
  jenkinsStandIn(),
  costExplorerStandIn(),
];
