/**
 * Runs attempts that race for one thing at the same moment and answers the
 * one that was let through and the reason the other was refused; throws
 * unless exactly one succeeded and one failed.
 */
export async function oneWinsOneRefused<T>(
  attempts: [Promise<T>, Promise<T>],
): Promise<{ value: T; reason: unknown }> {
  const [a, b] = await Promise.allSettled(attempts);
  const won = [a, b].filter(
    (r): r is PromiseFulfilledResult<Awaited<T>> => r.status === 'fulfilled',
  );
  const refused = [a, b].filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (won.length !== 1 || refused.length !== 1) {
    throw new Error(
      `Expected one attempt to succeed and one to be refused; ${
        won.length
      } succeeded${
        refused.length ? `, refused with ${refused.map(r => r.reason)}` : ''
      }`,
    );
  }
  return { value: won[0].value, reason: refused[0].reason };
}
