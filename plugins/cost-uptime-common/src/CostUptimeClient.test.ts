import { CostUptimeClient } from './CostUptimeClient';

/** A client whose fetch answers as the backend's routes do. */
function client(answer: (url: string, init?: RequestInit) => Response) {
  const calls: { url: string; method: string }[] = [];
  const c = new CostUptimeClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/cost-uptime' },
    fetchApi: {
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push({ url, method: init?.method ?? 'GET' });
        return answer(url, init);
      }) as typeof fetch,
    },
  });
  return { c, calls };
}

describe('CostUptimeClient', () => {
  it("triggerRun resolves to the route's answer", async () => {
    const { c, calls } = client(
      () =>
        new Response(JSON.stringify({ status: 'triggered' }), {
          status: 202,
          headers: { 'content-type': 'application/json' },
        }),
    );
    await expect(c.triggerRun()).resolves.toEqual({ status: 'triggered' });
    expect(calls).toEqual([
      { url: 'http://backend/api/cost-uptime/runs', method: 'POST' },
    ]);
  });

  it('getRuns passes the structured warnings through', async () => {
    const warning = {
      code: 'prometheus-failed',
      source: 'prometheus',
      environment: 'staging',
      message: 'Prometheus staging: ECONNREFUSED',
    };
    const { c } = client(
      () =>
        new Response(
          JSON.stringify({ runs: [{ id: 1, warnings: [warning] }] }),
        ),
    );
    const [run] = await c.getRuns(1);
    expect(run.warnings).toEqual([warning]);
  });

  it('rejects with a ResponseError on an error answer', async () => {
    const { c } = client(
      () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'no' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
    );
    await expect(c.triggerRun()).rejects.toMatchObject({
      name: 'ResponseError',
    });
  });
});
