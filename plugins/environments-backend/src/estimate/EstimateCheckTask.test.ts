import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_PRICING,
  ENVIRONMENT_ANNOTATIONS,
} from '@internal/plugin-environments-common';
import { createRun, dailyBills, environment } from './__testUtils__/fixtures';
import type { AlertEvent } from '@internal/plugin-alerts-node';
import type { EnvironmentBills } from './EnvironmentBills';
import { EstimateCheckTask } from './EstimateCheckTask';

/** Ready on 2026-12-24: checked over 25–31 Dec, on 1 Jan 2027 and the 3 days after. */
const created = createRun({
  requestedAt: '2026-12-24T08:00:00Z',
  finishedAt: '2026-12-24T08:30:00Z',
});

function task(options: { nodes: number; failing?: string }) {
  const raised: AlertEvent[] = [];
  const asked: string[] = [];
  const bills: EnvironmentBills = {
    async dailyByService(tag, range) {
      asked.push(tag);
      if (tag === options.failing) throw new Error('cost plugin down');
      const days = ['25', '26', '27', '28', '29', '30', '31'];
      return dailyBills(
        days.map(d => `2026-12-${d}`),
        options.nodes,
      ).filter(p => p.period >= range.from && p.period <= range.to);
    },
    averageNodes: async () => 5,
  };
  const t = new EstimateCheckTask({
    service: {
      listEnvironments: async () => [
        environment('broken'),
        environment('dev-a'),
        environment('old', { [ENVIRONMENT_ANNOTATIONS.estimate]: '' }),
      ],
    },
    store: { get: async () => ({ runs: [created] }) },
    bills,
    pricing: DEFAULT_PRICING,
    alerts: {
      async raise(event) {
        raised.push(event);
        return { id: event.id ?? '', status: 'sent' };
      },
    },
    logger: mockServices.logger.mock(),
  });
  return { task: t, raised, asked };
}

describe('EstimateCheckTask', () => {
  it('tells the owners on the check day, across the year end, naming the cause', async () => {
    // Five nodes' compute a day against three planned.
    const { task: t, raised, asked } = task({ nodes: 5, failing: 'broken' });
    await t.run(new Date('2027-01-01T00:00:00Z'));
    expect(asked).toEqual(['broken', 'dev-a']);
    expect(raised).toEqual([
      {
        type: 'environment.estimate-gap',
        id: 'environment.estimate-gap:dev-a:2026-12-25',
        environment: 'dev-a',
        days: 7,
        estimated: 60.76,
        billed: 88.79,
        currency: 'USD',
        causes: ['node count'],
        entityRef: 'resource:default/dev-a',
        link: '/catalog/default/resource/dev-a',
      },
    ]);
  });

  it.each([
    ['the day before the check day', '2026-12-31T23:59:59Z'],
    ['after the grace days', '2027-01-05T00:00:00Z'],
  ])('checks nothing %s', async (_when, now) => {
    const { task: t, raised, asked } = task({ nodes: 12 });
    await t.run(new Date(now));
    expect(asked).toEqual([]);
    expect(raised).toEqual([]);
  });

  it('checks on the last grace day, and says nothing within the tolerance', async () => {
    const { task: t, raised, asked } = task({ nodes: 3 });
    await t.run(new Date('2027-01-04T23:00:00Z'));
    expect(asked).toEqual(['broken', 'dev-a']);
    expect(raised).toEqual([]);
  });
});
