/*
 * Kubernetes API servers of several EKS clusters, each under its own path
 * prefix (`{url}/clusters/{name}`): the Backstage kubernetes backend appends
 * the resource path to the cluster URL it was given, the way it would for a
 * real API server behind a proxy. Read-only: the list calls the backend makes
 * (`GET /api/v1/pods?labelSelector=...`, `/apis/apps/v1/deployments`, ...),
 * namespaced or cluster-wide, in Kubernetes' List shape, and 401/404 answers
 * as `Status` objects.
 *
 * Authentication per cluster:
 * - `aws` (the EKS clusters): a bearer token `k8s-aws-v1.<base64url>` holding
 *   a presigned STS GetCallerIdentity URL that signs the `x-k8s-aws-id`
 *   header, which is what the backend's AwsIamStrategy produces. The stand-in
 *   checks its shape (it has no AWS secret to verify the signature with).
 * - `serviceAccount`: a fixed bearer token.
 *
 * Control (for tests): `POST /_sandbox/outage/{cluster}` makes that cluster
 * drop every connection, `DELETE` brings it back.
 */
import http from 'node:http';
import type { StandIn } from '../StandIn.ts';
import { listen, sendJson } from '../http.ts';
import {
  exampleClusters,
  resourceKey,
  type ClusterStore,
  type K8sObject,
} from './workloads.ts';

export type ClusterAuth =
  | { type: 'aws' }
  | { type: 'serviceAccount'; token: string };

/** The token of the `ops` cluster (config locator) in local config. */
export const SANDBOX_OPS_CLUSTER_TOKEN = 'sandbox-ops-cluster-token';

export const CLUSTER_AUTH: Record<string, ClusterAuth> = {
  'dev-a': { type: 'aws' },
  prod: { type: 'aws' },
  ops: { type: 'serviceAccount', token: SANDBOX_OPS_CLUSTER_TOKEN },
};

/** Accepts what `aws eks get-token` / AwsIamStrategy produce. */
export function isEksToken(token: string): boolean {
  if (!token.startsWith('k8s-aws-v1.')) return false;
  let url: URL;
  try {
    url = new URL(
      Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
    );
  } catch {
    return false;
  }
  const q = url.searchParams;
  return (
    url.protocol === 'https:' &&
    /^sts(\.[a-z0-9-]+)?\.amazonaws\.com$/.test(url.hostname) &&
    q.get('Action') === 'GetCallerIdentity' &&
    q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' &&
    (q.get('X-Amz-SignedHeaders') ?? '').split(';').includes('x-k8s-aws-id') &&
    /^[0-9a-f]{64}$/.test(q.get('X-Amz-Signature') ?? '')
  );
}

type Requirement = {
  key: string;
  op: '=' | '!=' | 'exists' | '!exists';
  value?: string;
};

/** Kubernetes equality-based selectors: `a=b,c!=d,e,!f`. */
export function parseSelector(selector: string | null): Requirement[] {
  if (!selector) return [];
  return selector
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(term => {
      const ne = term.indexOf('!=');
      if (ne > 0) {
        return { key: term.slice(0, ne), op: '!=', value: term.slice(ne + 2) };
      }
      const eq = term.match(/^([^=]+)==?(.*)$/);
      if (eq) return { key: eq[1], op: '=', value: eq[2] };
      if (term.startsWith('!')) return { key: term.slice(1), op: '!exists' };
      return { key: term, op: 'exists' };
    });
}

function matches(
  values: (key: string) => string | undefined,
  reqs: Requirement[],
) {
  return reqs.every(r => {
    const v = values(r.key);
    switch (r.op) {
      case '=':
        return v === r.value;
      case '!=':
        return v !== r.value;
      case 'exists':
        return v !== undefined;
      default:
        return v === undefined;
    }
  });
}

const fieldValue = (o: K8sObject, path: string): string | undefined => {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined ? undefined : String(cur);
};

/** The API server writes `application/json` without a charset. */
const JSON_TYPE = { 'content-type': 'application/json' };

function status(
  res: http.ServerResponse,
  code: number,
  reason: string,
  message: string,
) {
  sendJson(
    res,
    code,
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    },
    JSON_TYPE,
  );
}

function notFound(res: http.ServerResponse) {
  status(
    res,
    404,
    'NotFound',
    'the server could not find the requested resource',
  );
}

const KINDS: Record<string, string> = {
  pods: 'PodList',
  services: 'ServiceList',
  events: 'EventList',
  configmaps: 'ConfigMapList',
  limitranges: 'LimitRangeList',
  resourcequotas: 'ResourceQuotaList',
  secrets: 'SecretList',
  persistentvolumes: 'PersistentVolumeList',
  persistentvolumeclaims: 'PersistentVolumeClaimList',
  deployments: 'DeploymentList',
  replicasets: 'ReplicaSetList',
  statefulsets: 'StatefulSetList',
  daemonsets: 'DaemonSetList',
  jobs: 'JobList',
  cronjobs: 'CronJobList',
  horizontalpodautoscalers: 'HorizontalPodAutoscalerList',
  ingresses: 'IngressList',
};

export function createKubernetesServer(
  clusters: Record<string, ClusterStore> = exampleClusters(),
  auth: Record<string, ClusterAuth> = CLUSTER_AUTH,
) {
  const down = new Set<string>();
  let resourceVersion = 200000;

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const outage = url.pathname.match(/^\/_sandbox\/outage\/([^/]+)$/);
    if (outage) {
      if (req.method === 'POST') down.add(outage[1]);
      else if (req.method === 'DELETE') down.delete(outage[1]);
      sendJson(res, 200, { down: [...down] }, JSON_TYPE);
      return;
    }

    const m = url.pathname.match(/^\/clusters\/([^/]+)(\/.*)?$/);
    const clusterName = m?.[1];
    const store = clusterName ? clusters[clusterName] : undefined;
    if (!clusterName || !store) {
      notFound(res);
      return;
    }
    if (down.has(clusterName)) {
      // An API server that is gone: the connection drops without an answer.
      req.socket.destroy();
      return;
    }
    const path = m?.[2] ?? '/';

    const expected = auth[clusterName];
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const authorized =
      expected?.type === 'aws'
        ? isEksToken(token)
        : expected?.type === 'serviceAccount' && token === expected.token;
    if (!authorized) {
      status(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }

    if (req.method !== 'GET') {
      status(
        res,
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
      return;
    }
    if (path === '/version') {
      sendJson(
        res,
        200,
        {
          major: '1',
          minor: '31',
          gitVersion: 'v1.31.4-eks-2d5f260',
          platform: 'linux/amd64',
        },
        JSON_TYPE,
      );
      return;
    }

    // /api/v1[/namespaces/{ns}]/{plural} or /apis/{group}/{version}[/namespaces/{ns}]/{plural}
    const r =
      path.match(/^\/api\/(v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/) ??
      path.match(
        /^\/apis\/([^/]+)\/([^/]+)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/,
      );
    if (!r) {
      notFound(res);
      return;
    }
    const [group, version, namespace, plural] =
      r.length === 4 ? ['', r[1], r[2], r[3]] : [r[1], r[2], r[3], r[4]];
    const items = store.get(
      resourceKey(group, version, decodeURIComponent(plural)),
    );
    if (!items) {
      notFound(res);
      return;
    }
    const labels = parseSelector(url.searchParams.get('labelSelector'));
    const fields = parseSelector(url.searchParams.get('fieldSelector'));
    const selected = items.filter(
      o =>
        (!namespace || o.metadata.namespace === namespace) &&
        matches(k => o.metadata.labels?.[k], labels) &&
        matches(k => fieldValue(o, k), fields),
    );
    resourceVersion += 1;
    const kind =
      group === 'metrics.k8s.io' ? 'PodMetricsList' : KINDS[plural] ?? 'List';
    sendJson(
      res,
      200,
      {
        kind,
        apiVersion: group ? `${group}/${version}` : version,
        metadata: { resourceVersion: String(resourceVersion) },
        items: selected,
      },
      JSON_TYPE,
    );
  });
}

/** The Kubernetes stand-in of `./portal start`: the example clusters. */
export function kubernetesStandIn(): StandIn {
  return {
    name: 'kubernetes',
    description:
      'Kubernetes API servers of the EKS clusters dev-a, prod (aws auth) and ops (service account) under /clusters/{name}',
    start: options => listen(options, createKubernetesServer()),
  };
}
