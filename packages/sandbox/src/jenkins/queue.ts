/**
 * How Jenkins' queue takes a `buildWithParameters` request
 * (`ParametersDefinitionProperty`, `hudson.model.Queue.schedule2`):
 *
 * - parameters the job does not declare are dropped (SECURITY-170; unless
 *   `hudson.model.ParametersAction.keepUndefinedParameters` is set);
 * - an item of the same job with the same parameters that is still waiting
 *   is not queued again: `ScheduleResult.existing` names it, and the answer
 *   carries its `Location` with 303 (Jenkins 2.303 to 2.467, JENKINS-66105)
 *   or 200 (2.468 and later) instead of 201. Once an item has left the queue
 *   for a build, the same parameters queue a new one.
 */

/** The status Jenkins answers a duplicate trigger with. */
export type DuplicateStatus = 200 | 303;

interface WaitingItem {
  id: number;
  job: string;
  parameters: Record<string, string>;
  cancelled: boolean;
  build?: unknown;
}

/** The names a job declares, from its `ParametersDefinitionProperty`. */
export function parameterNames(job: Record<string, unknown>): string[] {
  const properties = (job.property ?? []) as Array<{
    parameterDefinitions?: Array<{ name: string }>;
  }>;
  return properties.flatMap(p =>
    (p.parameterDefinitions ?? []).map(d => d.name),
  );
}

export function declaredParameters(
  sent: Record<string, string>,
  declared: string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(sent).filter(([name]) => declared.includes(name)),
  );
}

function sameParameters(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}

/** The waiting item a new request with these parameters would duplicate. */
export function waitingDuplicate<T extends WaitingItem>(
  queue: Iterable<T>,
  job: string,
  parameters: Record<string, string>,
): T | undefined {
  for (const item of queue) {
    if (
      item.job === job &&
      !item.build &&
      !item.cancelled &&
      sameParameters(item.parameters, parameters)
    ) {
      return item;
    }
  }
  return undefined;
}
