/*
 * Applications as real Argo CD instances answer for them beyond the example
 * shop: a Kuma-meshed app whose data plane images come first in
 * `status.summary.images` (as in a reply recorded in RoadieHQ's Argo CD
 * plugin tests), a Linkerd-meshed one, an image pinned by digest only, an app
 * just created and not compared yet (`status.sync.status: ""`), a
 * multi-source app (`spec.sources`, `status.sync.revisions`,
 * `status.history[].revisions`, `operationState...revisions`) whose sync
 * failed, and an app in a namespace other than Argo CD's own.
 *
 * Served by the stand-in when a test hands them to `createArgoCdServer`.
 */
import {
  sha,
  timestamps,
  type Application,
  type ArgoInstanceData,
  type FixtureOptions,
} from './applications.ts';

const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';
const MANIFESTS = 'https://github.com/acme/shop-manifests.git';
const DESTINATION = {
  server: 'https://kubernetes.default.svc',
  namespace: 'shop',
};

/** The digest the digest-pinned app runs (a sha256 of 64 hex digits). */
export const PINNED_DIGEST = `sha256:${sha('checkout@2.0.0')}${sha(
  'checkout',
).slice(0, 24)}`;

type Parts = {
  name: string;
  namespace?: string;
  images: string[];
  sync?: Partial<Application['status']['sync']>;
  health?: Application['status']['health'];
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

function app(parts: Parts, at: (minutesAgo: number) => string): Application {
  const source = {
    repoURL: MANIFESTS,
    path: `apps/${parts.name}/overlays/dev-a`,
    targetRevision: 'main',
  };
  const revision = sha(`dev-a/${parts.name}`);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: parts.name,
      namespace: parts.namespace ?? 'argocd',
      uid: `${sha(parts.name).slice(0, 8)}-4a1b-4c2d-8e3f-${sha(
        `${parts.name}/uid`,
      ).slice(0, 12)}`,
      resourceVersion: '310001',
      generation: 3,
      creationTimestamp: at(60 * 24),
      labels: {
        'app.kubernetes.io/part-of': 'shop',
        'backstage.io/kubernetes-id': parts.name,
        environment: 'dev-a',
      },
    },
    spec: {
      project: 'shop',
      source,
      destination: DESTINATION,
      ...parts.spec,
    },
    status: {
      sync: {
        status: 'Synced',
        revision,
        comparedTo: { source, destination: DESTINATION },
        ...parts.sync,
      },
      health: parts.health ?? { status: 'Healthy' },
      history: [
        {
          id: 0,
          revision,
          deployedAt: at(30),
          deployStartedAt: at(31),
          source,
        },
      ],
      operationState: {
        operation: { sync: { revision } },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: at(31),
        finishedAt: at(30),
        syncResult: { revision, source },
      },
      summary: { images: parts.images, externalURLs: [] },
      ...parts.status,
    },
  };
}

function multiSource(at: (minutesAgo: number) => string): Application {
  const sources = [
    {
      repoURL: 'https://charts.acme.example.com',
      chart: 'shop-service',
      targetRevision: '4.2.0',
      helm: { valueFiles: ['$values/apps/orders/values-dev-a.yaml'] },
    },
    { repoURL: MANIFESTS, targetRevision: 'main', ref: 'values' },
  ];
  const deployed = ['4.1.0', sha('dev-a/orders/values@1')];
  const failing = ['4.2.0', sha('dev-a/orders/values@2')];
  const base = app({ name: 'orders', images: [`${ECR}/orders:5.0.1`] }, at);
  const { source: _single, ...spec } = base.spec;
  return {
    ...base,
    spec: { ...spec, sources },
    status: {
      ...base.status,
      sync: {
        status: 'OutOfSync',
        revisions: failing,
        comparedTo: { sources, destination: DESTINATION },
      },
      health: { status: 'Healthy' },
      history: [
        {
          id: 0,
          revisions: deployed,
          deployedAt: at(60 * 5),
          deployStartedAt: at(60 * 5 + 2),
          sources,
        },
      ],
      operationState: {
        operation: { sync: { revisions: failing, prune: true } },
        phase: 'Failed',
        message:
          'one or more objects failed to apply, reason: Deployment.apps "orders" is invalid: spec.template.spec.containers[0].image: Required value',
        startedAt: at(3),
        finishedAt: at(2),
        syncResult: { revisions: failing, sources },
      },
    },
  };
}

/** The awkward applications, as one Argo CD instance's data. */
export function vendorCaseApplications(
  options: FixtureOptions = {},
): ArgoInstanceData {
  const at = timestamps(options.now ?? (() => new Date()));
  const applications = [
    app(
      {
        name: 'payments',
        images: [
          'docker.io/kumahq/kuma-dp:2.9.3',
          'docker.io/kumahq/kuma-init:2.9.3',
          `${ECR}/payments:3.1.0`,
        ],
      },
      at,
    ),
    app(
      {
        name: 'search',
        images: [
          'cr.l5d.io/linkerd/proxy:edge-24.11.8',
          'cr.l5d.io/linkerd/proxy-init:v2.4.1',
          `${ECR}/search:0.9.4`,
        ],
      },
      at,
    ),
    app({ name: 'checkout', images: [`${ECR}/checkout@${PINNED_DIGEST}`] }, at),
    app(
      {
        name: 'reviews',
        images: [],
        // Created a moment ago: not compared, nothing deployed yet.
        sync: { status: '', revision: undefined },
        health: { status: 'Missing' },
        status: { history: undefined, operationState: undefined },
      },
      at,
    ),
    multiSource(at),
    app(
      {
        name: 'ledger',
        namespace: 'team-payments',
        images: [`${ECR}/ledger:1.4.2`],
        spec: { project: 'payments' },
      },
      at,
    ),
  ];
  for (const a of applications) {
    for (const key of Object.keys(a.status)) {
      if (a.status[key] === undefined) delete a.status[key];
    }
    if (a.status.sync.revision === undefined) delete a.status.sync.revision;
  }
  return { applications, revisions: {} };
}
