/*
 * Argo CD Application objects of the example shop, one Argo CD per
 * environment, as `GET /api/v1/applications/{name}` returns them (the
 * argoproj.io/v1alpha1 Application with its status: sync, health, history,
 * operationState, summary).
 */
import { createHash } from 'node:crypto';

export type Application = {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    generation: number;
    creationTimestamp: string;
    labels: Record<string, string>;
  };
  spec: Record<string, unknown>;
  status: {
    /** `revision` for one source; `revisions`, one per source, for `spec.sources`. */
    sync: {
      status: string;
      revision?: string;
      revisions?: string[];
      comparedTo: unknown;
    };
    health: { status: string; message?: string };
    history: Array<{
      id: number;
      revision?: string;
      revisions?: string[];
      deployedAt: string;
      deployStartedAt: string;
      source?: Record<string, unknown>;
      sources?: Array<Record<string, unknown>>;
      initiatedBy?: Record<string, unknown>;
    }>;
    operationState: Record<string, unknown>;
    summary: { images: string[]; externalURLs: string[] };
    [key: string]: unknown;
  };
};

export type RevisionMetadata = {
  author: string;
  date: string;
  message: string;
  tags?: string[];
};

const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';
const MANIFESTS = 'https://github.com/acme/shop-manifests.git';

/** Options of the example data: `now` is the clock timestamps count back from. */
export type FixtureOptions = { now?: () => Date };

/** RFC 3339 at second precision, `minutesAgo` before `now`, as Argo CD writes times. */
export const timestamps = (now: () => Date) => (minutesAgo: number) =>
  new Date(now().getTime() - minutesAgo * 60_000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');

/** A fake but stable 40-hex Git SHA per label. */
export const sha = (label: string) =>
  createHash('sha1').update(label).digest('hex');

type Deploy = { tag: string; minutesAgo: number; author: string };

type AppSpec = {
  env: string;
  app: string;
  /** Images besides the service's, listed first as Argo CD lists an injected mesh proxy. */
  sidecarImages?: string[];
  host: string;
  deploys: Deploy[]; // oldest first; the last is the one running
  sync: 'Synced' | 'OutOfSync';
  health: 'Healthy' | 'Progressing' | 'Degraded';
  healthMessage?: string;
  operation: { phase: string; message: string };
};

function application(
  spec: AppSpec,
  at: (minutesAgo: number) => string,
): {
  app: Application;
  revisions: Record<string, RevisionMetadata>;
} {
  const path = `apps/${spec.app}/overlays/${spec.env}`;
  const source = { repoURL: MANIFESTS, path, targetRevision: 'main' };
  const revisions: Record<string, RevisionMetadata> = {};
  const history = spec.deploys.map((d, i) => {
    const revision = sha(`${spec.env}/${spec.app}/${d.tag}`);
    revisions[revision] = {
      author: d.author,
      date: at(d.minutesAgo + 3),
      message: `ci(${spec.app}): deploy image tag ${d.tag} to ${spec.env}`,
      tags: [],
    };
    return {
      id: i,
      revision,
      deployedAt: at(d.minutesAgo),
      deployStartedAt: at(d.minutesAgo + 1),
      source,
      initiatedBy: { automated: true },
    };
  });
  const current = spec.deploys[spec.deploys.length - 1];
  const head =
    spec.sync === 'OutOfSync'
      ? sha(`${spec.env}/${spec.app}/next`)
      : history[history.length - 1].revision!;
  if (spec.sync === 'OutOfSync') {
    revisions[head] = {
      author: 'Minsu Park <minsu.park@acme.example.com>',
      date: at(4),
      message: `chore(${spec.app}): raise the memory limit to 768Mi in ${spec.env}`,
    };
  }
  const lastDeploy = history[history.length - 1];
  const app: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: spec.app,
      namespace: 'argocd',
      uid: `${sha(spec.env + spec.app).slice(0, 8)}-0c1d-4e2f-9a3b-${sha(
        spec.app,
      ).slice(0, 12)}`,
      resourceVersion: String(300000 + spec.deploys.length),
      generation: 40 + spec.deploys.length,
      creationTimestamp: at(60 * 24 * 90),
      labels: {
        'app.kubernetes.io/part-of': 'shop',
        'backstage.io/kubernetes-id': spec.app,
        environment: spec.env,
      },
    },
    spec: {
      project: 'shop',
      source,
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'shop',
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
      },
    },
    status: {
      sync: {
        status: spec.sync,
        revision: head,
        comparedTo: {
          source,
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'shop',
          },
        },
      },
      health: {
        status: spec.health,
        ...(spec.healthMessage ? { message: spec.healthMessage } : {}),
      },
      history,
      operationState: {
        operation: {
          sync: { revision: lastDeploy.revision, prune: true },
          initiatedBy: { automated: true },
          retry: { limit: 5 },
        },
        phase: spec.operation.phase,
        message: spec.operation.message,
        startedAt: lastDeploy.deployStartedAt,
        finishedAt: lastDeploy.deployedAt,
        syncResult: { revision: lastDeploy.revision, source },
      },
      reconciledAt: at(1),
      sourceType: 'Kustomize',
      summary: {
        images: [
          ...(spec.sidecarImages ?? []),
          `${ECR}/${spec.app}:${current.tag}`,
        ],
        externalURLs: [`https://${spec.host}/`],
      },
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: 'shop',
          name: spec.app,
          status: spec.sync,
          health: { status: spec.health },
        },
        {
          version: 'v1',
          kind: 'Service',
          namespace: 'shop',
          name: spec.app,
          status: 'Synced',
          health: { status: 'Healthy' },
        },
        {
          group: 'networking.k8s.io',
          version: 'v1',
          kind: 'Ingress',
          namespace: 'shop',
          name: spec.app,
          status: 'Synced',
          health: { status: 'Healthy' },
        },
        {
          group: 'autoscaling',
          version: 'v2',
          kind: 'HorizontalPodAutoscaler',
          namespace: 'shop',
          name: spec.app,
          status: 'Synced',
          health: { status: 'Healthy' },
        },
      ],
    },
  };
  return { app, revisions };
}

export type ArgoInstanceData = {
  applications: Application[];
  revisions: Record<string, RevisionMetadata>;
};

const JENKINS = 'jenkins <jenkins@acme.example.com>';
const DAY = 60 * 24;

/** A deploy of an image tag by the Jenkins pipeline's tag bump. */
const byJenkins = (tag: string, minutesAgo: number): Deploy => ({
  tag,
  minutesAgo,
  author: JENKINS,
});

/** An application synced and healthy after a sync that succeeded; overrides for the rest. */
function inSync(
  where: Pick<AppSpec, 'env' | 'app' | 'host'>,
  deploys: Deploy[],
  overrides: Partial<AppSpec> = {},
): AppSpec {
  return {
    ...where,
    deploys,
    sync: 'Synced',
    health: 'Healthy',
    operation: {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
    },
    ...overrides,
  };
}

/** The example Argo CD instances, one per environment. */
export function exampleInstances(
  options: FixtureOptions = {},
): Record<string, ArgoInstanceData> {
  const at = timestamps(options.now ?? (() => new Date()));
  const make = (specs: AppSpec[]): ArgoInstanceData => {
    const built = specs.map(spec => application(spec, at));
    return {
      applications: built.map(b => b.app),
      revisions: Object.assign({}, ...built.map(b => b.revisions)),
    };
  };
  return {
    'dev-a': make([
      inSync(
        {
          env: 'dev-a',
          app: 'shop-backend',
          host: 'api.shop.dev-a.example.com',
        },
        [
          byJenkins('2.1.0', 6 * DAY),
          byJenkins('2.2.1', 2 * DAY),
          byJenkins('2.3.0', 35),
        ],
        {
          // dev-a runs Istio: the injected proxy's image comes first.
          sidecarImages: ['docker.io/istio/proxyv2:1.24.2'],
          health: 'Degraded',
          healthMessage:
            'Deployment "shop-backend" exceeded its progress deadline',
          operation: {
            phase: 'Failed',
            message:
              'one or more synchronization tasks completed unsuccessfully, reason: PostSync hook Job shop/shop-backend-smoke-test failed: BackoffLimitExceeded',
          },
        },
      ),
      inSync(
        { env: 'dev-a', app: 'shop-web', host: 'shop.dev-a.example.com' },
        [
          byJenkins('1.7.2', 9 * DAY),
          byJenkins('1.8.0', 3 * DAY),
          byJenkins('1.9.0', 50),
        ],
        { sync: 'OutOfSync', health: 'Progressing' },
      ),
    ]),
    prod: make([
      inSync(
        { env: 'prod', app: 'shop-backend', host: 'api.shop.example.com' },
        [byJenkins('2.1.0', 5 * DAY), byJenkins('2.2.1', DAY)],
      ),
      inSync({ env: 'prod', app: 'shop-web', host: 'shop.example.com' }, [
        byJenkins('1.7.2', 8 * DAY),
        byJenkins('1.8.0', 2 * DAY),
      ]),
    ]),
  };
}
