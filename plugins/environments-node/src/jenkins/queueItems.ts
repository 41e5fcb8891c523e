/** A queue item or build as `api/json?tree=…actions[parameters[name,value]]` writes it. */
export type WithParameters = {
  actions?: Array<{ parameters?: Array<{ name: string; value: unknown }> }>;
};

export function carriesParameter(
  entry: WithParameters,
  name: string,
  value: string,
) {
  return (entry.actions ?? []).some(a =>
    (a.parameters ?? []).some(p => p.name === name && p.value === value),
  );
}

/**
 * The queue item a trigger's `Location` names, on our own base URL: Jenkins
 * writes its configured root URL, which behind a proxy is not the one we
 * call (and must not receive our credentials). Anything but
 * `…/queue/item/<n>/` (a query, other path, user info) is refused.
 */
export function queueItemUrl(
  baseUrl: string,
  location: string | null,
): string | undefined {
  if (!location) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(location, `${baseUrl}/`);
  } catch {
    return undefined;
  }
  if (
    !/^https?:$/.test(parsed.protocol) ||
    parsed.search ||
    parsed.hash ||
    parsed.username ||
    parsed.password
  ) {
    return undefined;
  }
  const match =
    /^(?:\/[A-Za-z0-9._~-]+)*\/queue\/item\/([1-9][0-9]{0,15})\/?$/.exec(
      parsed.pathname,
    );
  return match ? `${baseUrl}/queue/item/${match[1]}/` : undefined;
}
