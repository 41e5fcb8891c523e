import { buildEnvironmentRows, imageTag, podProblem } from './environmentRows';

const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';

const pod = (name: string, tag: string, extra: object) => ({
  metadata: { name },
  spec: { containers: [{ image: `${ECR}/shop-backend:${tag}` }] },
  ...extra,
});
const running = (name: string, tag: string) =>
  pod(name, tag, {
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        { ready: true, restartCount: 0, state: { running: {} } },
      ],
    },
  });
const crashing = (name: string, tag: string) =>
  pod(name, tag, {
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [
        {
          ready: false,
          restartCount: 14,
          state: {
            waiting: { reason: 'CrashLoopBackOff', message: 'back-off' },
          },
        },
      ],
    },
  });
const unschedulable = (name: string, tag: string) =>
  pod(name, tag, {
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
        },
      ],
    },
  });

const app = (sync: string, health: string, tag: string, extra = {}) => ({
  metadata: { name: 'shop-backend' },
  status: {
    sync: { status: sync, revision: 'abc' },
    health: { status: health },
    summary: { images: [`${ECR}/shop-backend:${tag}`] },
    history: [{ id: 0, revision: 'abc', deployedAt: '2026-11-25T10:00:00Z' }],
    ...extra,
  },
});

const cluster = (name: string, pods: object[], errors: object[] = []) => ({
  cluster: { name },
  resources: [{ type: 'pods' as const, resources: pods as any }],
  podMetrics: [],
  errors: errors as any,
});

describe('imageTag', () => {
  it('reads the tag of an ECR image, with or without a digest', () => {
    expect(imageTag(`${ECR}/shop:2.3.0`)).toBe('2.3.0');
    expect(imageTag(`${ECR}/shop:2.3.0@sha256:abc`)).toBe('2.3.0');
    expect(imageTag('localhost:5000/shop')).toBe('latest');
    expect(imageTag(undefined)).toBeUndefined();
  });
});

describe('podProblem', () => {
  it('names the waiting reason and the restarts', () => {
    expect(podProblem(crashing('p1', '2.3.0'))).toEqual({
      pod: 'p1',
      reason: 'CrashLoopBackOff',
      detail: '14 restarts',
    });
  });
  it('explains a pod the scheduler cannot place', () => {
    expect(podProblem(unschedulable('p2', '2.2.1'))).toEqual({
      pod: 'p2',
      reason: 'Unschedulable',
      detail: '0/3 nodes are available: 3 Insufficient cpu.',
    });
  });
  it('has nothing to say about a ready pod', () => {
    expect(podProblem(running('p3', '2.2.1'))).toBeUndefined();
  });
});

describe('buildEnvironmentRows', () => {
  it('puts Argo CD and the cluster of each environment on one row', () => {
    const rows = buildEnvironmentRows(
      [
        {
          instance: 'dev-a',
          url: 'http://argo/dev-a/',
          state: 'found',
          application: app('Synced', 'Degraded', '2.3.0', {
            operationState: {
              phase: 'Failed',
              message: 'PostSync hook failed',
            },
          }),
        },
        {
          instance: 'prod',
          url: 'http://argo/prod',
          state: 'found',
          application: app('Synced', 'Healthy', '2.2.1'),
        },
      ],
      {
        items: [
          cluster('dev-a', [running('a', '2.2.1'), crashing('b', '2.3.0')]),
          cluster('prod', [running('c', '2.2.1'), unschedulable('d', '2.2.1')]),
        ],
      },
    );
    expect(rows).toEqual([
      {
        environment: 'dev-a',
        argo: {
          state: 'found',
          sync: 'Synced',
          health: 'Degraded',
          message: 'PostSync hook failed',
          notCompared: false,
          uiUrl: 'http://argo/dev-a/applications/shop-backend',
          lastDeployedAt: '2026-11-25T10:00:00Z',
          revisions: ['abc'],
        },
        version: '2.3.0',
        image: `${ECR}/shop-backend:2.3.0`,
        pods: {
          state: 'found',
          total: 2,
          ready: 1,
          versions: ['2.2.1', '2.3.0'],
          problems: [
            { pod: 'b', reason: 'CrashLoopBackOff', detail: '14 restarts' },
          ],
        },
        cost: { state: 'none' },
      },
      expect.objectContaining({
        environment: 'prod',
        version: '2.2.1',
        pods: expect.objectContaining({ total: 2, ready: 1 }),
      }),
    ]);
  });

  it("gives a multi-source application's revisions, one per source", () => {
    const [row] = buildEnvironmentRows(
      [
        {
          instance: 'dev-a',
          url: 'http://argo/dev-a',
          state: 'found',
          application: app('Synced', 'Healthy', '2.3.0', {
            sync: { status: 'Synced', revisions: ['abc', 'def'] },
          }),
        },
      ],
      { items: [] },
    );
    expect(row.argo).toMatchObject({ revisions: ['abc', 'def'] });
  });

  it('reports a server that is down on its own row and keeps the others', () => {
    const rows = buildEnvironmentRows(
      [
        { instance: 'dev-a', url: 'http://argo/dev-a', state: 'absent' },
        {
          instance: 'prod',
          url: 'http://argo/prod',
          state: 'error',
          message: 'socket hang up',
        },
      ],
      {
        items: [
          cluster('dev-a', [running('a', '1.0.0')]),
          cluster(
            'prod',
            [],
            [{ errorType: 'FETCH_ERROR', message: 'ECONNREFUSED' }],
          ),
        ],
      },
    );
    expect(rows.map(r => [r.environment, r.argo, r.pods.state])).toEqual([
      ['dev-a', { state: 'absent' }, 'found'],
      ['prod', { state: 'error', message: 'socket hang up' }, 'error'],
    ]);
    expect(rows[1].pods).toEqual({ state: 'error', message: 'ECONNREFUSED' });
  });

  it('leaves out environments the service does not run in', () => {
    const rows = buildEnvironmentRows(
      [{ instance: 'prod', url: 'http://argo/prod', state: 'absent' }],
      { items: [] },
    );
    expect(rows).toEqual([]);
  });

  it("puts each environment's cost on its row, none where there is no data", () => {
    const argo = [
      {
        instance: 'dev-a',
        url: 'http://argo/dev-a',
        state: 'found' as const,
        application: app('Synced', 'Healthy', '2.3.0'),
      },
      {
        instance: 'prod',
        url: 'http://argo/prod',
        state: 'found' as const,
        application: app('Synced', 'Healthy', '2.2.1'),
      },
    ];
    const rows = buildEnvironmentRows(
      argo,
      { items: [] },
      {
        state: 'found',
        currency: 'USD',
        month: '2026-11',
        byEnvironment: {
          prod: { amount: 1812.4, estimated: true },
          staging: { amount: 600, estimated: false },
        },
      },
    );
    expect(rows.map(r => [r.environment, r.cost])).toEqual([
      ['dev-a', { state: 'none' }],
      [
        'prod',
        {
          state: 'found',
          amount: 1812.4,
          currency: 'USD',
          estimated: true,
          month: '2026-11',
        },
      ],
    ]);

    const failed = buildEnvironmentRows(
      argo,
      { items: [] },
      {
        state: 'error',
        message: 'Request failed with 503',
      },
    );
    expect(failed.map(r => r.cost)).toEqual([
      { state: 'error', message: 'Request failed with 503' },
      { state: 'error', message: 'Request failed with 503' },
    ]);
    // The rest of the row does not depend on the cost.
    expect(failed.map(r => r.version)).toEqual(['2.3.0', '2.2.1']);
  });

  it('shows the Kubernetes backend failing as a whole on every row', () => {
    const rows = buildEnvironmentRows(
      [
        {
          instance: 'prod',
          url: 'http://argo/prod',
          state: 'found',
          application: app('OutOfSync', 'Healthy', '2.2.1'),
        },
      ],
      { error: 'Service Unavailable' },
    );
    expect(rows[0].pods).toEqual({
      state: 'error',
      message: 'Service Unavailable',
    });
  });
});
