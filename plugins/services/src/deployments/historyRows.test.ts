// Tests only: the stand-ins' recorded vendor replies as fixtures.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import {
  exampleInstances,
  vendorCaseApplications,
} from '@internal/sandbox/argocd';
import type {
  ArgoApplication,
  ArgoResult,
} from '@internal/plugin-services-common';
import { deployDuration, formatDuration, historyRows } from './historyRows';

const NOW = new Date('2026-11-25T10:00:00Z');
const found = (instance: string, application: unknown): ArgoResult => ({
  instance,
  url: `http://argo/${instance}`,
  state: 'found',
  application: application as ArgoApplication,
});

describe('deployDuration', () => {
  it('is the time from deployStartedAt to deployedAt, never negative', () => {
    expect(deployDuration('2026-11-25T09:59:00Z', '2026-11-25T10:00:00Z')).toBe(
      60_000,
    );
    expect(
      deployDuration('2026-11-25T10:00:00Z', '2026-11-25T09:59:00Z'),
    ).toBeUndefined();
    expect(deployDuration(undefined, '2026-11-25T10:00:00Z')).toBeUndefined();
    expect(
      deployDuration('not a time', '2026-11-25T10:00:00Z'),
    ).toBeUndefined();
  });
  it('formats as people read it', () => {
    expect(formatDuration(60_000)).toBe('1m 00s');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(3_725_000)).toBe('1h 02m 05s');
  });
});

describe('historyRows', () => {
  it("lists every environment's deploys newest first, each taking a positive time", () => {
    const instances = exampleInstances({ now: () => NOW });
    const shop = (env: string) =>
      instances[env].applications.find(a => a.metadata.name === 'shop-backend');
    const rows = historyRows([
      found('dev-a', shop('dev-a')),
      found('prod', shop('prod')),
    ]);
    expect(rows.map(r => [r.environment, r.deployedAt, r.durationMs])).toEqual([
      ['dev-a', '2026-11-25T09:25:00Z', 60_000],
      ['prod', '2026-11-24T10:00:00Z', 60_000],
      ['dev-a', '2026-11-23T10:00:00Z', 60_000],
      ['prod', '2026-11-20T10:00:00Z', 60_000],
      ['dev-a', '2026-11-19T10:00:00Z', 60_000],
    ]);
    expect(rows[0].revisions).toEqual([
      expect.stringMatching(/^[0-9a-f]{40}$/),
    ]);
  });

  it('keeps the revisions of a multi-source application, and skips apps not deployed', () => {
    const apps = vendorCaseApplications({ now: () => NOW }).applications;
    const orders = apps.find(a => a.metadata.name === 'orders')!;
    const reviews = apps.find(a => a.metadata.name === 'reviews')!;
    const rows = historyRows([
      found('dev-a', orders),
      found('prod', reviews),
      { instance: 'staging', url: 'http://argo/staging', state: 'absent' },
    ]);
    expect(rows).toEqual([
      {
        environment: 'dev-a',
        id: 0,
        revisions: orders.status.history[0].revisions,
        deployedAt: '2026-11-25T05:00:00Z',
        durationMs: 120_000,
      },
    ]);
    expect(rows[0].revisions).toHaveLength(2);
  });
});
