import type { StandIn } from './StandIn.ts';
import { costExplorerStandIn } from './cost-explorer/index.ts';

/**
 * Every stand-in the sandbox runs. Each issue that adds an outside system adds
 * its stand-in here; production config never points at any of them.
 */
export const standIns: StandIn[] = [costExplorerStandIn];
