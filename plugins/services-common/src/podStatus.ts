/*
 * Names a pod's state the way the STATUS column of `kubectl get pods` does
 * (kubectl's pod printer): the init containers first, then the app
 * containers, then deletion. Developers compare the portal with kubectl, so
 * the words must be the same.
 */

export type ContainerState = {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    reason?: string;
    exitCode?: number;
    signal?: number;
    message?: string;
  };
};

/** One entry of `status.containerStatuses` / `status.initContainerStatuses`. */
export type ContainerStatus = {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
};

/** The parts of a v1 Pod its state is read from. */
export type PodLike = {
  metadata?: {
    name?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec?: {
    containers?: Array<{ name?: string; image?: string }>;
    initContainers?: Array<{
      name?: string;
      image?: string;
      restartPolicy?: string;
    }>;
  };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: Array<{
      type?: string;
      status?: string;
      reason?: string;
      message?: string;
    }>;
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
};

const hasCondition = (pod: PodLike, type: string) =>
  pod.status?.conditions?.some(c => c.type === type && c.status === 'True') ??
  false;

/** A sidecar: an init container that keeps running beside the app. */
const isSidecar = (pod: PodLike, name?: string) =>
  pod.spec?.initContainers?.find(c => c.name === name)?.restartPolicy ===
  'Always';

function terminatedReason(
  terminated: NonNullable<ContainerState['terminated']>,
) {
  if (terminated.reason) return terminated.reason;
  return terminated.signal
    ? `Signal:${terminated.signal}`
    : `ExitCode:${terminated.exitCode ?? 0}`;
}

/**
 * The init containers' part: `Init:<reason>` for the first one that failed
 * or waits for a reason of its own, `Init:N/M` for one still running.
 * Undefined when initialisation is over.
 */
function initStatus(pod: PodLike): string | undefined {
  const statuses = pod.status?.initContainerStatuses ?? [];
  const total = pod.spec?.initContainers?.length ?? statuses.length;
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i];
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar(pod, c.name) && c.started) continue;
    if (terminated) return `Init:${terminatedReason(terminated)}`;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}

/**
 * The pod's state as `kubectl get pods` names it: `Running`, `Completed`,
 * `CrashLoopBackOff`, `ImagePullBackOff`, `ContainerCreating`,
 * `PodInitializing`, `OOMKilled`, `Error`, `Init:N/M`, `Init:Error`,
 * `Init:CrashLoopBackOff`, `Evicted` (the pod's own reason), `Terminating`
 * (a deletion under way), else the phase (`Pending`, `Failed`, ...).
 */
export function podStatus(pod: PodLike): string {
  const phase = pod.status?.phase ?? 'Unknown';
  let reason = pod.status?.reason || phase;
  if (
    pod.status?.conditions?.some(
      c => c.type === 'PodScheduled' && c.reason === 'SchedulingGated',
    )
  ) {
    reason = 'SchedulingGated';
  }

  const init = initStatus(pod);
  if (init) reason = init;
  if (!init || hasCondition(pod, 'Initialized')) {
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    // Backwards, so the first container's state is the one shown.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const state = statuses[i].state;
      if (state?.waiting?.reason) {
        reason = state.waiting.reason;
      } else if (state?.terminated) {
        reason = terminatedReason(state.terminated);
      } else if (statuses[i].ready && state?.running) {
        hasRunning = true;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata?.deletionTimestamp) {
    if (pod.status?.reason === 'NodeLost') return 'Unknown';
    if (!terminal) return 'Terminating';
  }
  return reason;
}

/** The statuses of a pod that starts, runs or has finished as it should. */
const FINE = new Set([
  'Running',
  'Completed',
  'ContainerCreating',
  'PodInitializing',
  'Terminating',
]);

/** Whether the state is one a developer must look at. */
export const isTroubled = (status: string) =>
  !FINE.has(status) && !/^Init:\d+\/\d+$/.test(status);

/** The container whose state gives the pod its status, for detail. */
export function statusContainer(
  pod: PodLike,
  status: string,
): ContainerStatus | undefined {
  const pool = status.startsWith('Init:')
    ? pod.status?.initContainerStatuses
    : pod.status?.containerStatuses;
  const reasonOf = (c: ContainerStatus) =>
    c.state?.waiting?.reason ??
    (c.state?.terminated ? terminatedReason(c.state.terminated) : undefined);
  const plain = status.replace(/^Init:/, '');
  return pool?.find(c => reasonOf(c) === plain);
}
