/*
 * A service as a caller names it (an AI agent's tool input): "shop-backend",
 * "default/shop-backend" or "component:default/shop-backend". Services are
 * catalog Components whose names are DNS labels (the new-service template
 * makes them so); anything else is refused before it reaches a URL.
 */
import { InputError } from '@backstage/errors';

/** A DNS-1123 label: what service, namespace and environment names are. */
export const isDnsLabel = (value: string) =>
  value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);

/** The service's entity ref, `component:<namespace>/<name>`; InputError for any other spelling. */
export function parseServiceRef(input: string): string {
  const refused = () =>
    new InputError(
      `${JSON.stringify(
        input.slice(0, 80),
      )} is not a service: give its name (e.g. "shop-backend") or its entity ref (e.g. "component:default/shop-backend")`,
    );
  let rest = input;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    if (rest.slice(0, colon).toLowerCase() !== 'component') throw refused();
    rest = rest.slice(colon + 1);
  }
  const parts = rest.split('/');
  if (parts.length > 2) throw refused();
  const [namespace, name] = parts.length === 2 ? parts : ['default', parts[0]];
  if (!isDnsLabel(namespace) || !isDnsLabel(name)) throw refused();
  return `component:${namespace}/${name}`;
}

/** An environment name (its Argo CD instance and cluster name); InputError otherwise. */
export function parseEnvironmentName(input: string): string {
  if (!isDnsLabel(input)) {
    throw new InputError(
      `${JSON.stringify(
        input.slice(0, 80),
      )} is not an environment name: a DNS label such as "dev-a"`,
    );
  }
  return input;
}
