/*
 * Which of an application's images is the service's own. Argo CD's
 * `status.summary.images` and a pod's containers list every image, and on a
 * meshed workload the injected proxy often comes first.
 */

/**
 * Images a service mesh or platform injects next to the service: Istio's
 * proxy, Kuma's data plane and init, Linkerd's proxy and init, Envoy,
 * App Mesh's Envoy.
 */
const SIDECAR_IMAGES: RegExp[] = [
  /(^|\/)proxyv2(:|@|$)/,
  /(^|\/)istio\/proxy(:|@|$)/,
  /(^|\/)kuma-(dp|init|sidecar)(:|@|$)/,
  /(^|\/)linkerd(-io)?\/proxy(-init)?(:|@|$)/,
  /(^|\/)envoyproxy\/envoy[^/]*(:|@|$)/,
  /(^|\/)aws-appmesh-envoy(:|@|$)/,
];

export const isSidecarImage = (image: string) =>
  SIDECAR_IMAGES.some(re => re.test(image));

/** The repository's last path segment: `shop-backend` of `ecr/…/shop-backend:1.0`. */
export const imageRepositoryName = (image: string) => {
  const name = image.split('@')[0];
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const repository = colon > lastSlash ? name.slice(0, colon) : name;
  return repository.slice(repository.lastIndexOf('/') + 1);
};

/**
 * The service's image among `images`: the one named after the service (or
 * whose container is), else the first that no mesh injected. Undefined when
 * there are only injected ones.
 */
export function serviceImage(
  images: Array<string | { image?: string; name?: string }>,
  serviceNames: string[],
): string | undefined {
  const entries = images
    .map(i => (typeof i === 'string' ? { image: i } : i))
    .filter((i): i is { image: string; name?: string } => Boolean(i.image))
    .filter(i => !isSidecarImage(i.image));
  const names = serviceNames.filter(Boolean);
  const named = entries.find(
    e =>
      names.includes(imageRepositoryName(e.image)) ||
      (e.name !== undefined && names.includes(e.name)),
  );
  return (named ?? entries[0])?.image;
}
