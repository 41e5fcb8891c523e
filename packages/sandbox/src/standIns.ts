import type { StandIn } from './StandIn.ts';
import { argocdStandIn } from './argocd/argocdStandIn.ts';
import { kubernetesStandIn } from './kubernetes/kubernetesStandIn.ts';

/**
 * Every stand-in the sandbox runs. Each issue that adds an outside system adds
 * its stand-in here; production config never points at any of them.
 */
export const standIns: StandIn[] = [argocdStandIn, kubernetesStandIn];
