import { isTroubled, podStatus } from './podStatus';

/** A pod of one app container and the given init containers. */
const pod = (
  status: object,
  extra: { init?: string[]; meta?: object } = {},
) => ({
  metadata: { name: 'shop-backend-7f9c8d6b4-x7k2p', ...extra.meta },
  spec: {
    containers: [{ name: 'shop-backend' }],
    initContainers: (extra.init ?? []).map(name => ({ name })),
  },
  status,
});
const waiting = (reason: string, restartCount = 0) => ({
  ready: false,
  restartCount,
  state: { waiting: { reason } },
});
const terminated = (reason: string | undefined, exitCode: number) => ({
  ready: false,
  restartCount: 0,
  state: { terminated: { reason, exitCode } },
});
const running = { ready: true, restartCount: 0, state: { running: {} } };

describe('podStatus, as kubectl get pods names it', () => {
  it('names a crash-looping init container Init:CrashLoopBackOff, not PodInitializing', () => {
    const p = pod(
      {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False' }],
        initContainerStatuses: [
          { name: 'migrate', ...waiting('CrashLoopBackOff', 6) },
        ],
        containerStatuses: [waiting('PodInitializing')],
      },
      { init: ['migrate'] },
    );
    expect(podStatus(p)).toBe('Init:CrashLoopBackOff');
    expect(isTroubled(podStatus(p))).toBe(true);
  });

  it('names a failed init container by its reason, else its exit code', () => {
    const failed = (reason: string | undefined) =>
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'migrate', ...terminated(reason, 2) },
          ],
          containerStatuses: [waiting('PodInitializing')],
        },
        { init: ['migrate'] },
      );
    expect(podStatus(failed('Error'))).toBe('Init:Error');
    expect(podStatus(failed(undefined))).toBe('Init:ExitCode:2');
  });

  it('counts init containers done as Init:N/M while one runs', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'a', ...terminated('Completed', 0) },
          { name: 'b', ready: false, state: { running: {} } },
          { name: 'c', ...waiting('PodInitializing') },
        ],
        containerStatuses: [waiting('PodInitializing')],
      },
      { init: ['a', 'b', 'c'] },
    );
    expect(podStatus(p)).toBe('Init:1/3');
    expect(isTroubled('Init:1/3')).toBe(false);
  });

  it('reads the app containers once the init containers are done', () => {
    const after = (c: object) =>
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [{ name: 'a', ...terminated('Completed', 0) }],
          containerStatuses: [c],
        },
        { init: ['a'] },
      );
    expect(podStatus(after(waiting('CrashLoopBackOff', 3)))).toBe(
      'CrashLoopBackOff',
    );
    expect(podStatus(after(waiting('ImagePullBackOff')))).toBe(
      'ImagePullBackOff',
    );
    expect(podStatus(after(waiting('ContainerCreating')))).toBe(
      'ContainerCreating',
    );
    expect(podStatus(after(terminated('OOMKilled', 137)))).toBe('OOMKilled');
    expect(podStatus(after(running))).toBe('Running');
  });

  it('says Completed for a finished job pod and Evicted for an evicted one', () => {
    expect(
      podStatus(
        pod({
          phase: 'Succeeded',
          containerStatuses: [terminated('Completed', 0)],
        }),
      ),
    ).toBe('Completed');
    const evicted = pod({
      phase: 'Failed',
      reason: 'Evicted',
      message: 'The node was low on resource: memory.',
    });
    expect(podStatus(evicted)).toBe('Evicted');
    expect(isTroubled('Evicted')).toBe(true);
  });

  it('says Terminating for a pod being deleted, whatever its containers do', () => {
    const p = pod(
      { phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff', 9)] },
      { meta: { deletionTimestamp: '2026-11-25T10:00:00Z' } },
    );
    expect(podStatus(p)).toBe('Terminating');
    expect(isTroubled('Terminating')).toBe(false);
  });

  it('shows the first container when several have trouble', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        waiting('CrashLoopBackOff', 2),
        waiting('ImagePullBackOff'),
      ],
    });
    expect(podStatus(p)).toBe('CrashLoopBackOff');
  });

  it('keeps a native sidecar that runs from holding the pod in Init', () => {
    const p = {
      ...pod({
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          {
            name: 'istio-proxy',
            ready: true,
            started: true,
            state: { running: {} },
          },
        ],
        containerStatuses: [running],
      }),
      spec: {
        containers: [{ name: 'shop-backend' }],
        initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }],
      },
    };
    expect(podStatus(p)).toBe('Running');
  });

  it('falls back to the phase', () => {
    expect(podStatus(pod({ phase: 'Pending' }))).toBe('Pending');
    expect(podStatus({})).toBe('Unknown');
  });
});
