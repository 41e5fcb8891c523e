import { ArgoCdApplication } from './ArgoCdClient';

/**
 * Argo CD's own namespace. Argo CD names an application of another
 * namespace (apps in any namespace) `namespace/name`, one of its own `name`.
 */
export const CONTROL_PLANE_NAMESPACE = 'argocd';

/** The application's name as Argo CD qualifies it: `name`, or `namespace/name` outside Argo CD's namespace. */
export function qualifiedName(app: ArgoCdApplication): string {
  const namespace = app.metadata.namespace;
  return namespace && namespace !== CONTROL_PLANE_NAMESPACE
    ? `${namespace}/${app.metadata.name}`
    : app.metadata.name;
}

/**
 * The revision of a sync, sync status or history entry: `revision` for an
 * application with one source, `revisions` (one per entry of
 * `spec.sources`, joined with `,`) for a multi-source one.
 */
export function revisionOf(
  field: { revision?: string; revisions?: string[] } | undefined,
): string | undefined {
  if (field?.revision) return field.revision;
  const revisions = field?.revisions?.filter(Boolean);
  return revisions?.length ? revisions.join(',') : undefined;
}
