import { InputError } from '@backstage/errors';

/*
 * The Argo CD plugin puts route parameters and query values into Argo CD URLs
 * as they come (`/api/v1/applications/${name}`, `?selector=${selector}`), so a
 * `?`, `&`, `#` or `/` in one would change the request Argo CD gets, e.g. add
 * `?refresh=hard` to a read. These checks let through only what Argo CD
 * itself accepts there.
 */

/** A Kubernetes object name (DNS-1123 subdomain), as Argo CD names apps. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A namespace (DNS-1123 label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A label key: optional DNS prefix and `/`, then a name of up to 63. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A label value: empty, or up to 63 of these characters. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** A Git SHA, tag or chart version: no separators of a path or query. */
const REVISION = /^[A-Za-z0-9][-A-Za-z0-9_.+]{0,254}$/;

function checkAppName(value: unknown): string {
  if (typeof value !== 'string' || !OBJECT_NAME.test(value)) {
    throw new InputError(
      `Invalid Argo CD application name ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function checkNamespace(value: unknown): string {
  if (typeof value !== 'string' || !NAMESPACE.test(value)) {
    throw new InputError(`Invalid namespace ${JSON.stringify(value)}`);
  }
  return value;
}

function checkRevision(value: unknown): string {
  if (typeof value !== 'string' || !REVISION.test(value)) {
    throw new InputError(`Invalid revision ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Parses an equality label selector `k=v[,k2=v2]` (also `k==v`), the form
 * `argocd/app-selector` holds; anything else is an InputError.
 */
export function parseSelector(value: unknown): Record<string, string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
    throw new InputError(`Invalid label selector ${JSON.stringify(value)}`);
  }
  const labels: Record<string, string> = {};
  for (const term of value.split(',')) {
    const match = /^([^=]+)==?([^=]*)$/.exec(term.trim());
    if (
      !match ||
      !LABEL_KEY.test(match[1].trim()) ||
      !LABEL_VALUE.test(match[2].trim())
    ) {
      throw new InputError(
        `Invalid label selector ${JSON.stringify(
          value,
        )}: expected key=value terms separated by commas`,
      );
    }
    labels[match[1].trim()] = match[2].trim();
  }
  return labels;
}

/** The checks of each route parameter and query value the plugin forwards. */
const PARAM_CHECKS: Record<string, (value: unknown) => unknown> = {
  argoAppName: checkAppName,
  argoAppSelector: parseSelector,
  revisionID: checkRevision,
};

/**
 * Checks the route parameters (already URL-decoded by Express) and the
 * `appNamespace` and `sourceIndex` query values of a read.
 */
export function checkReadInputs(
  params: Record<string, string>,
  query: Record<string, unknown>,
) {
  for (const [name, value] of Object.entries(params)) {
    // Express sets the parameters of the other paths of a route to undefined.
    if (value !== undefined) PARAM_CHECKS[name]?.(value);
  }
  if (query.appNamespace !== undefined) checkNamespace(query.appNamespace);
  if (
    query.sourceIndex !== undefined &&
    !(
      typeof query.sourceIndex === 'string' &&
      /^\d{1,4}$/.test(query.sourceIndex)
    )
  ) {
    throw new InputError('sourceIndex must be a number');
  }
}

/**
 * The Argo CD plugin's read routes whose inputs end up in Argo CD URLs.
 * `/allArgoApps/:argoInstanceName` and the repo/source check only compare
 * their inputs with the configuration and Argo CD's answers.
 */
export const FORWARDING_READ_ROUTES = [
  '/find/name/:argoAppName',
  '/find/selector/:argoAppSelector',
  '/argoInstance/:argoInstanceName/applications/name/:argoAppName',
  '/argoInstance/:argoInstanceName/applications/name/:argoAppName/revisions/:revisionID/metadata',
  '/argoInstance/:argoInstanceName/applications/selector/:argoAppSelector',
  '/argoInstance/:argoInstanceName/applications/:argoAppName',
];
