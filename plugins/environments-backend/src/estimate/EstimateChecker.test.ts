import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AWS_COMPUTE_SERVICE,
  DEFAULT_PRICING,
  ENVIRONMENT_ANNOTATIONS,
  type EnvironmentHistory,
  type EnvironmentRun,
} from '@internal/plugin-environments-common';
import {
  createRun,
  dailyBills,
  environment,
  ESTIMATE,
} from './__testUtils__/fixtures';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { CostUptimeBills, type EnvironmentBills } from './EnvironmentBills';
import { EstimateChecker, readyAtOf } from './EstimateChecker';

function checker(options: {
  runs: EnvironmentRun[];
  annotations?: Record<string, string>;
  now: string;
  bills?: EnvironmentBills;
}) {
  const asked: string[] = [];
  const entity = environment('dev-a', {
    [ENVIRONMENT_ANNOTATIONS.costEnvironment]: 'dev-a',
    ...options.annotations,
  });
  const bills: EnvironmentBills = options.bills ?? {
    async dailyByService(tag, range) {
      asked.push(`${tag} ${range.from}..${range.to}`);
      // Every day of the window: 5 nodes' compute instead of 3.
      return dailyBills(
        Array.from({ length: 7 }, (_, i) => `2026-12-0${i + 2}`),
        5,
      );
    },
    averageNodes: async () => 5,
  };
  const history: EnvironmentHistory = {
    name: 'dev-a',
    state: 'ready',
    runs: options.runs,
  };
  return {
    asked,
    checker: new EstimateChecker({
      reader: {
        async read(name, credentials) {
          if ((credentials.principal as any).userEntityRef.includes('nobody'))
            throw new NotAllowedError(`You may not see environment ${name}`);
          return history;
        },
      },
      service: {
        nameOf: (n: string) => n,
        findEnvironment: async () => entity,
      },
      bills,
      pricing: DEFAULT_PRICING,
      now: () => new Date(options.now),
    }),
  };
}

const user = mockCredentials.user('user:default/minsu.park');

describe('readyAtOf', () => {
  it('is the end of the first successful create', () => {
    expect(
      readyAtOf([
        createRun({
          id: 3,
          operation: 'pause',
          finishedAt: '2026-12-05T00:00:00Z',
        }),
        createRun({ id: 2, finishedAt: '2026-12-02T00:00:00Z' }),
        createRun({
          id: 1,
          result: 'FAILURE',
          finishedAt: '2026-11-30T00:00:00Z',
        }),
      ]),
    ).toEqual(new Date('2026-12-02T00:00:00Z'));
    expect(
      readyAtOf([createRun({ result: undefined, finishedAt: undefined })]),
    ).toBe(undefined);
  });
});

describe('EstimateChecker', () => {
  it('waits for the check day without asking the cost plugin', async () => {
    const { checker: c, asked } = checker({
      runs: [createRun({})],
      now: '2026-12-08T12:00:00Z',
    });
    await expect(c.check('dev-a', user)).resolves.toMatchObject({
      state: 'waiting',
      estimate: ESTIMATE,
      window: { from: '2026-12-02', to: '2026-12-08', checkOn: '2026-12-09' },
    });
    expect(asked).toEqual([]);
  });

  it("compares the window's bill, tagged as the environment, on the check day", async () => {
    const { checker: c, asked } = checker({
      runs: [createRun({})],
      now: '2026-12-09T00:00:00Z',
    });
    const check = await c.check('dev-a', user);
    expect(asked).toEqual(['dev-a 2026-12-02..2026-12-08']);
    // 264.01 a month planned: 60.76 for the 7 days; billed 7 × 12.68.
    expect(check).toMatchObject({
      state: 'checked',
      result: { days: 7, estimated: 60.76, billed: 88.79, outside: true },
    });
    expect(
      check.state === 'checked' &&
        check.result.causes.map(cause => cause.cause),
    ).toEqual(['node count']);
  });

  it('says when there is no estimate or the environment never became ready', async () => {
    await expect(
      checker({
        runs: [createRun({})],
        annotations: { [ENVIRONMENT_ANNOTATIONS.estimate]: '' },
        now: '2026-12-20T00:00:00Z',
      }).checker.check('dev-a', user),
    ).resolves.toEqual({ state: 'no-estimate' });
    await expect(
      checker({
        runs: [createRun({ result: 'FAILURE' })],
        now: '2026-12-20T00:00:00Z',
      }).checker.check('dev-a', user),
    ).resolves.toMatchObject({ state: 'not-ready' });
  });

  it('refuses whoever may not read the environment', async () => {
    await expect(
      checker({
        runs: [createRun({})],
        now: '2026-12-20T00:00:00Z',
      }).checker.check('dev-a', mockCredentials.user('user:default/nobody')),
    ).rejects.toThrow(NotAllowedError);
  });
});

describe('CostUptimeBills', () => {
  it("asks the cost plugin's series by AWS service for the environment's tag, with a service token", async () => {
    const seen: { query: unknown; auth?: string }[] = [];
    const app = express();
    app.get('/api/cost-uptime/series', (req, res) => {
      seen.push({ query: req.query, auth: req.headers.authorization });
      res.json({
        points: [{ period: '2026-12-02', key: AWS_COMPUTE_SERVICE, amount: 1 }],
      });
    });
    app.get('/api/cost-uptime/usage', (req, res) => {
      seen.push({ query: req.query, auth: req.headers.authorization });
      res.json({
        points: [
          { metric: 'nodes', value: 3 },
          { metric: 'cpu_percent', value: 40 },
          { metric: 'nodes', value: 5 },
        ],
      });
    });
    app.get('/api/cost-uptime/fail/series', (_req, res) => {
      res.status(503).json({ error: { name: 'Error', message: 'down' } });
    });
    const server = app.listen(0);
    const port = (server.address() as AddressInfo).port;
    const bills = (path: string) =>
      new CostUptimeBills({
        discovery: {
          getBaseUrl: async () =>
            `http://127.0.0.1:${port}/api/cost-uptime${path}`,
          getExternalBaseUrl: async () => '',
        },
        auth: mockServices.auth(),
      });
    try {
      const range = { from: '2026-12-02', to: '2026-12-08' };
      await expect(bills('').dailyByService('dev-a', range)).resolves.toEqual([
        { period: '2026-12-02', key: AWS_COMPUTE_SERVICE, amount: 1 },
      ]);
      expect(seen[0].query).toEqual({
        granularity: 'day',
        groupBy: 'awsService',
        tagKey: 'environment',
        tagValue: 'dev-a',
        ...range,
      });
      expect(seen[0].auth).toMatch(/^Bearer .+/);
      // The nodes' daily averages from Prometheus, averaged over the window.
      await expect(bills('').averageNodes('dev-a', range)).resolves.toBe(4);
      expect(seen[1].query).toEqual({
        granularity: 'day',
        environment: 'dev-a',
        ...range,
      });
      await expect(
        bills('/fail').dailyByService('dev-a', range),
      ).rejects.toThrow(/503/);
    } finally {
      server.close();
    }
  });
});
