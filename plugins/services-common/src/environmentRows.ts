/*
 * Puts the deployment picture of one service together, one row per
 * environment: what Argo CD says (sync, health, the image it deployed) and
 * what the environment's cluster runs (pods, their versions, their trouble).
 *
 * An environment is named the same in both places: the Argo CD instance's
 * `name` in config and the cluster's name (the environment's
 * kubernetes-cluster Resource `resource:cluster/<name>`).
 */
import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import { serviceImage } from './serviceImage';
import {
  isTroubled,
  podStatus,
  statusContainer,
  type PodLike,
} from './podStatus';

/** What one Argo CD instance answered for the service's application. */
export type ArgoResult =
  | {
      instance: string;
      url: string;
      state: 'found';
      application: ArgoApplication;
      /** The application's namespace when it is not in Argo CD's own (`argocd/app-namespace`). */
      appNamespace?: string;
    }
  | { instance: string; url: string; state: 'absent' }
  | { instance: string; url: string; state: 'error'; message: string };

/** The parts of an Argo CD Application the card reads. */
export type ArgoApplication = {
  metadata: { name: string; namespace?: string };
  status?: {
    /** `revision` for one source, `revisions` (one per source) for several. */
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    operationState?: { phase?: string; message?: string; finishedAt?: string };
    summary?: { images?: string[] };
    history?: Array<{
      revision?: string;
      revisions?: string[];
      deployedAt?: string;
      deployStartedAt?: string;
      id: number;
    }>;
  };
};

export type PodProblem = { pod: string; reason: string; detail?: string };

/**
 * What the cost plugin knows of the service this month, per environment:
 * `found` with the amounts (an environment missing there has no cost data),
 * `none` when the service has no cost annotation or the plugin is not
 * installed, `error` when the cost API failed.
 */
export type CostResult =
  | {
      state: 'found';
      currency: string;
      month: string;
      byEnvironment: Record<string, { amount: number; estimated: boolean }>;
    }
  | { state: 'none' }
  | { state: 'error'; message: string };

export type EnvironmentRow = {
  environment: string;
  argo:
    | {
        state: 'found';
        sync: string;
        health: string;
        message?: string;
        /** Argo CD has not compared the application with Git yet. */
        notCompared: boolean;
        uiUrl: string;
        lastDeployedAt?: string;
        /** The Git revision Argo CD synced (one per source of a multi-source app). */
        revisions: string[];
      }
    | { state: 'absent' }
    | { state: 'error'; message: string }
    | { state: 'unknown' };
  /** Image tag Argo CD deployed (the manifest repository's truth). */
  version?: string;
  /** The full image reference `version` is read from (registry, tag, digest). */
  image?: string;
  /**
   * The service's cost in this environment, when known, over the billed days
   * of `month` (YYYY-MM; last month's while this one has no billed day).
   */
  cost:
    | {
        state: 'found';
        amount: number;
        currency: string;
        estimated: boolean;
        month: string;
      }
    | { state: 'none' }
    | { state: 'error'; message: string };
  pods:
    | {
        state: 'found';
        total: number;
        ready: number;
        /** Tags running on pods, newest rollout last. */
        versions: string[];
        problems: PodProblem[];
      }
    | { state: 'absent' }
    | { state: 'error'; message: string };
};

/** A pod as the rows read it. */
export type Pod = PodLike;

/** `sha256:0123456789ab…` as `sha256:0123456789ab` (12 hex, as Docker shows ids). */
const shortDigest = (digest: string) => {
  const [algorithm, hex = ''] = digest.split(':');
  return `${algorithm}:${hex.slice(0, 12)}`;
};

/** The tag of an image reference; a digest-pinned one without a tag shows its short digest. */
export const imageTag = (image?: string) => {
  if (!image) return undefined;
  const [name, digest] = image.split('@');
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > lastSlash) return name.slice(colon + 1);
  if (digest) return shortDigest(digest);
  return 'latest';
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why a pod does not serve, or undefined when it is fine. */
export function podProblem(pod: Pod): PodProblem | undefined {
  const name = pod.metadata?.name ?? 'pod';
  const status = podStatus(pod);
  if (!isTroubled(status)) return undefined;
  if (status === 'Pending') {
    const unscheduled = pod.status?.conditions?.find(
      c => c.type === 'PodScheduled' && c.status === 'False',
    );
    return {
      pod: name,
      reason: unscheduled?.reason ?? 'Pending',
      detail: unscheduled?.message,
    };
  }
  const container = statusContainer(pod, status);
  const restarts = container?.restartCount ?? 0;
  const terminated = container?.state?.terminated;
  const lastExit = container?.lastState?.terminated?.reason;
  const details = [
    restarts ? plural(restarts, 'restart') : undefined,
    restarts && lastExit && lastExit !== 'Error'
      ? `last ${lastExit}`
      : undefined,
    !restarts && terminated?.exitCode
      ? `exit code ${terminated.exitCode}`
      : undefined,
  ].filter(Boolean);
  return {
    pod: name,
    reason: status,
    detail: details.length
      ? details.join(', ')
      : container?.state?.waiting?.message ?? pod.status?.message,
  };
}

const isReady = (pod: Pod) =>
  pod.status?.phase === 'Running' &&
  (pod.status.conditions?.some(
    c => c.type === 'Ready' && c.status === 'True',
  ) ??
    false);

function costCell(
  cost: CostResult,
  environment: string,
): EnvironmentRow['cost'] {
  if (cost.state !== 'found') return cost;
  const entry = cost.byEnvironment[environment];
  return entry
    ? { state: 'found', currency: cost.currency, month: cost.month, ...entry }
    : { state: 'none' };
}

/**
 * Argo CD's sync status; a just-created application has none yet (an empty
 * string or no field) until its first comparison.
 */
export const syncStatus = (app: ArgoApplication) =>
  app.status?.sync?.status || 'Unknown';

/** `status.sync.revisions` of a multi-source app, else `[status.sync.revision]`. */
export const syncRevisions = (app: ArgoApplication): string[] => {
  const sync = app.status?.sync;
  if (sync?.revisions?.length) return sync.revisions;
  return sync?.revision ? [sync.revision] : [];
};

function argoFound(
  a: Extract<ArgoResult, { state: 'found' }>,
): EnvironmentRow['argo'] {
  const s = a.application.status;
  const op = s?.operationState;
  const compared = Boolean(s?.sync?.status);
  const path = [a.appNamespace, a.application.metadata.name]
    .filter((p): p is string => Boolean(p))
    .map(encodeURIComponent)
    .join('/');
  return {
    state: 'found',
    sync: syncStatus(a.application),
    health: s?.health?.status || 'Unknown',
    message:
      op?.phase && op.phase !== 'Succeeded' && op.message
        ? op.message
        : s?.health?.message,
    notCompared: !compared,
    uiUrl: `${a.url.replace(/\/$/, '')}/applications/${path}`,
    lastDeployedAt: s?.history?.length
      ? s.history[s.history.length - 1].deployedAt
      : undefined,
    revisions: syncRevisions(a.application),
  };
}

/** Names the service's own container may carry: its Argo CD app names, its pod label. */
const serviceNames = (argo: ArgoResult[], pod: Pod) => [
  ...argo.flatMap(a =>
    a.state === 'found' ? [a.application.metadata.name] : [],
  ),
  ...Object.values(pod.metadata?.labels ?? {}),
];

export function buildEnvironmentRows(
  argo: ArgoResult[],
  kubernetes: ObjectsByEntityResponse | { error: string } | undefined,
  cost: CostResult = { state: 'none' },
): EnvironmentRow[] {
  const names: string[] = [];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  argo.forEach(a => add(a.instance));
  const clusters = kubernetes && 'items' in kubernetes ? kubernetes.items : [];
  clusters.forEach(c => add(c.cluster.name));

  const rows = names.map((environment): EnvironmentRow => {
    const a = argo.find(x => x.instance === environment);
    let argoCell: EnvironmentRow['argo'] = { state: 'unknown' };
    let image: string | undefined;
    if (a?.state === 'found') {
      argoCell = argoFound(a);
      image = serviceImage(a.application.status?.summary?.images ?? [], [
        a.application.metadata.name,
      ]);
    } else if (a?.state === 'absent') {
      argoCell = { state: 'absent' };
    } else if (a?.state === 'error') {
      argoCell = { state: 'error', message: a.message };
    }

    let podsCell: EnvironmentRow['pods'];
    const cluster = clusters.find(c => c.cluster.name === environment);
    if (kubernetes && 'error' in kubernetes) {
      podsCell = { state: 'error', message: kubernetes.error };
    } else if (!cluster) {
      podsCell = { state: 'absent' };
    } else if (cluster.errors.some(e => e.errorType === 'FETCH_ERROR')) {
      const e = cluster.errors.find(x => x.errorType === 'FETCH_ERROR')!;
      podsCell = {
        state: 'error',
        message: 'message' in e ? e.message : 'FETCH_ERROR',
      };
    } else {
      const pods = cluster.resources
        .filter(r => r.type === 'pods')
        .flatMap(r => r.resources as Pod[]);
      const statusErrors = cluster.errors.filter(
        e => e.errorType !== 'FETCH_ERROR',
      );
      if (pods.length === 0 && statusErrors.length > 0) {
        const e = statusErrors[0];
        podsCell = {
          state: 'error',
          message:
            'statusCode' in e
              ? `${e.errorType} (HTTP ${e.statusCode}) on ${e.resourcePath}`
              : e.errorType,
        };
      } else {
        const versions: string[] = [];
        for (const p of pods) {
          const tag = imageTag(
            serviceImage(p.spec?.containers ?? [], serviceNames(argo, p)),
          );
          if (tag && !versions.includes(tag)) versions.push(tag);
        }
        podsCell = {
          state: 'found',
          total: pods.length,
          ready: pods.filter(isReady).length,
          versions,
          problems: pods.flatMap(p => podProblem(p) ?? []),
        };
      }
    }
    return {
      environment,
      argo: argoCell,
      version: imageTag(image),
      image,
      pods: podsCell,
      cost: costCell(cost, environment),
    };
  });

  // An environment neither Argo CD nor the cluster knows the service in is not
  // one it runs in.
  return rows.filter(
    r =>
      !(
        (r.argo.state === 'absent' || r.argo.state === 'unknown') &&
        r.pods.state === 'absent'
      ),
  );
}
