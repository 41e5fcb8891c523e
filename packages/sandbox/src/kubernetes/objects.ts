/*
 * The shape of the Kubernetes objects the stand-in clusters hold, and the
 * metadata every object carries (uid, resourceVersion, timestamps counted
 * back from one injected clock).
 */
import { createHash } from 'node:crypto';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<Record<string, unknown>>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** Where a resource lives in the API: `/api/v1/pods` has group ''. */
export type ResourceKey = `${string}/${string}/${string}`; // group/version/plural

export const resourceKey = (group: string, version: string, plural: string) =>
  `${group}/${version}/${plural}` as ResourceKey;

let counter = 0;
const uid = (seed: string) => {
  counter += 1;
  const hex = createHash('sha1').update(`${seed}:${counter}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
/** The clock timestamps count back from; set for one `exampleClusters` call. */
let clock: () => Date = () => new Date();
export const ago = (minutes: number) =>
  new Date(clock().getTime() - minutes * 60_000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
export const meta = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  extra: Record<string, unknown> = {},
) => ({
  name,
  namespace,
  uid: uid(name),
  resourceVersion: String(100000 + counter),
  creationTimestamp: ago(60 * 24 * 3),
  labels,
  ...extra,
});

/**
 * Builds objects for `objects()` with `now` as the clock of their
 * timestamps (for fixtures kept in other files).
 */
export function withClock<T>(
  now: (() => Date) | undefined,
  objects: () => T,
): T {
  const previous = clock;
  clock = now ?? (() => new Date());
  try {
    return objects();
  } finally {
    clock = previous;
  }
}

/** A pseudo-random uid (stable for the same sequence of calls). */
export { uid };
