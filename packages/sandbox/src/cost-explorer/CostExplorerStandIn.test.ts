import http from 'node:http';
import { createCostExplorerHandler } from './CostExplorerStandIn.ts';
import { exampleAccount } from './exampleAccount.ts';
import { listenLocally, closeServer } from '../testing';

const NOW = new Date('2026-11-20T12:00:00Z');
const CLUSTER_LINES = [
  'Amazon Elastic Compute Cloud - Compute',
  'EC2 - Other',
  'Amazon Elastic Kubernetes Service',
  'Elastic Load Balancing',
];

describe('Cost Explorer stand-in on the example account', () => {
  let server: http.Server;
  let url: string;
  let handler: ReturnType<typeof createCostExplorerHandler>;

  beforeAll(async () => {
    handler = createCostExplorerHandler({ now: () => NOW });
    server = http.createServer(handler);
    url = `${await listenLocally(server)}/`;
  });
  afterAll(() => closeServer(server));

  async function call(body: object) {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSInsightsIndexService.GetCostAndUsage',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20261120/us-east-1/ce/aws4_request',
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  const byTag = (key: string, extra: object = {}) => ({
    TimePeriod: { Start: '2026-11-16', End: '2026-11-20' },
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    GroupBy: [
      { Type: 'TAG', Key: key },
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ],
    ...extra,
  });

  it('bills the cluster lines (EC2, EBS, EKS, ELB) under the environment tag only', async () => {
    const { body } = await call(byTag('service'));
    const day = body.ResultsByTime[0];
    const keys = day.Groups.map((g: any) => g.Keys);
    for (const line of CLUSTER_LINES) {
      expect(keys).toContainEqual(['service$', line]);
      expect(keys.filter((k: string[]) => k[1] === line)).toHaveLength(1);
    }
    // Only dedicated resources carry the service tag.
    expect(keys.filter((k: string[]) => k[0] !== 'service$').sort()).toEqual([
      ['service$shop-backend', 'Amazon Relational Database Service'],
      ['service$shop-web', 'Amazon Simple Storage Service'],
    ]);
    const env = await call(byTag('environment'));
    const envKeys = env.body.ResultsByTime[0].Groups.map((g: any) => g.Keys);
    for (const e of ['dev-a', 'staging', 'prod']) {
      for (const line of CLUSTER_LINES)
        expect(envKeys).toContainEqual([`environment$${e}`, line]);
    }
    // Untagged lines exist (the NAT gateway, DNS), as in a real account.
    expect(envKeys).toContainEqual(['environment$', 'EC2 - Other']);
    expect(envKeys).toContainEqual(['environment$', 'Amazon Route 53']);
  });

  it('prices EC2 from the example clusters node-hours, and both groupings add up to the same total', async () => {
    const lines = exampleAccount().lines('2026-11-16');
    const total = lines.reduce((a, l) => a + l.amount, 0);
    for (const key of ['environment', 'service']) {
      const { body } = await call(byTag(key));
      const sum = body.ResultsByTime[0].Groups.reduce(
        (a: number, g: any) => a + Number(g.Metrics.UnblendedCost.Amount),
        0,
      );
      expect(sum).toBeCloseTo(total, 6);
    }
    const devEc2 = lines.find(
      l => l.tags.environment === 'dev-a' && l.awsService === CLUSTER_LINES[0],
    )!;
    // Monday: 3 m6i.xlarge on demand (0.294/h) and an m6i.large on spot.
    expect(devEc2.amount).toBeGreaterThan(24 * 3 * 0.294);
    expect(devEc2.amount).toBeLessThan(24 * (3 * 0.294 + 0.147 * 0.4));
  });

  it('pages with NextPageToken, marks recent days Estimated, and refuses a changed request', async () => {
    handler.state.pageGroups = 30;
    try {
      const first = await call(byTag('environment'));
      expect(first.body.ResultsByTime).toHaveLength(1);
      expect(first.body.NextPageToken).toEqual(expect.any(String));
      const days: any[] = [...first.body.ResultsByTime];
      let token = first.body.NextPageToken;
      while (token) {
        const page = await call(byTag('environment', { NextPageToken: token }));
        days.push(...page.body.ResultsByTime);
        token = page.body.NextPageToken;
      }
      expect(days.map(d => [d.TimePeriod.Start, d.Estimated])).toEqual([
        ['2026-11-16', false],
        ['2026-11-17', false],
        ['2026-11-18', true],
        ['2026-11-19', true],
      ]);
      const changed = await call({
        ...byTag('service'),
        NextPageToken: first.body.NextPageToken,
      });
      expect(changed.status).toBe(400);
      expect(changed.body.__type).toBe('RequestChangedException');
    } finally {
      handler.state.pageGroups = 1000;
    }
  });

  it('serves split cost allocation tags when the account has them activated', async () => {
    const split = createCostExplorerHandler({
      now: () => NOW,
      model: exampleAccount({ splitCostAllocation: true }),
    });
    const s = http.createServer(split);
    const splitUrl = `${await listenLocally(s)}/`;
    try {
      const res = await fetch(splitUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSInsightsIndexService.GetCostAndUsage',
          authorization: 'AWS4-HMAC-SHA256 Credential=AKID/x',
        },
        body: JSON.stringify({
          ...byTag('aws:eks:workload-name'),
          GroupBy: [
            { Type: 'TAG', Key: 'aws:eks:workload-name' },
            { Type: 'TAG', Key: 'environment' },
          ],
        }),
      });
      const body = await res.json();
      const keys = body.ResultsByTime[0].Groups.map((g: any) => g.Keys);
      expect(keys).toContainEqual([
        'aws:eks:workload-name$shop-backend',
        'environment$prod',
      ]);
      // What no pod took (and every non-EC2 line) stays without the tag.
      expect(keys).toContainEqual([
        'aws:eks:workload-name$',
        'environment$prod',
      ]);
    } finally {
      await closeServer(s);
    }
  });
});
