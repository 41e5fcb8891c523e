import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CostStore } from '../database/CostStore';
import type { AllocationReportService } from './AllocationReportService';
import type { ReportService } from './ReportService';
import { createRouter } from './router';

const NOW = new Date('2026-03-15T10:30:00Z');

/** The router over a report that records what it was asked. */
async function app(permissions = mockServices.permissions()) {
  const allocation = jest.fn(async (q: any) => ({ ...q, services: [] }));
  const series = jest.fn(async (q: any) => ({
    granularity: q.granularity,
    groupBy: q.groupBy,
    from: q.from ?? '2026-02-13',
    to: q.to ?? '2026-03-15',
    currency: 'USD',
    keys: [],
    points: [],
  }));
  const usage = jest.fn(async (q: any) => ({
    granularity: q.granularity,
    from: q.from,
    to: q.to,
    environments: [],
    points: [],
  }));
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    report: { series, usage } as unknown as ReportService,
    allocations: { allocation } as unknown as AllocationReportService,
    store: {} as CostStore,
    triggerRun: async () => {},
    now: () => NOW,
  });
  const server = express();
  server.use(router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { api: request(server), series, usage, allocation };
}

describe('date ranges of the report routes', () => {
  it.each([
    ['/series?from=2025-02-30', 'from'],
    ['/series?to=0000-00-00', 'to'],
    ['/series?from=2025-02-29&to=2025-03-01', 'from'],
    ['/export.csv?from=2026-04-31', 'from'],
    ['/export.csv?to=2026-13-01', 'to'],
    ['/usage?from=2026-03-01T25', 'from'],
    ['/usage?to=2026-02-30T10', 'to'],
    ['/usage?granularity=day&from=0000-00-00', 'from'],
  ])(
    '%s is a 400 naming %s, and the report is not asked',
    async (url, field) => {
      const { api, series, usage } = await app();
      const res = await api.get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(`${field}: `);
      expect(series).not.toHaveBeenCalled();
      expect(usage).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['/series?from=2026-03-02&to=2026-03-01', /from must not be after to/],
    ['/export.csv?from=2026-03-02&to=2026-03-01', /from must not be after to/],
    ['/usage?from=2026-03-01T11&to=2026-03-01T10', /from must not be after to/],
    ['/series?from=2020-01-01&to=2026-01-01', /more than 800 days/],
    ['/series?from=2020-01-01', /more than 800 days/],
    ['/export.csv?from=2020-01-01&to=2026-01-01', /more than 800 days/],
    ['/usage?from=2026-01-01T00&to=2026-03-01T00', /more than 31 days/],
    ['/usage?from=2000-01-01', /more than 31 days/],
    [
      '/usage?granularity=day&from=2000-01-01&to=2026-01-01',
      /more than 800 days/,
    ],
  ])('%s is a 400: %s', async (url, message) => {
    const { api, series, usage } = await app();
    const res = await api.get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
    expect(series).not.toHaveBeenCalled();
    expect(usage).not.toHaveBeenCalled();
  });

  it('answers good ranges and passes them on', async () => {
    const { api, series, usage } = await app();
    const s = await api.get(
      '/series?granularity=day&from=2024-02-29&to=2024-03-31',
    );
    expect(s.status).toBe(200);
    expect(series).toHaveBeenCalledWith(
      expect.objectContaining({ from: '2024-02-29', to: '2024-03-31' }),
    );
    const csv = await api.get('/export.csv?from=2026-01-01&to=2026-03-15');
    expect(csv.status).toBe(200);
    const u = await api.get('/usage?from=2026-03-01T00&to=2026-03-01T23');
    expect(u.status).toBe(200);
    expect(usage).toHaveBeenCalledWith(
      expect.objectContaining({ from: '2026-03-01T00', to: '2026-03-01T23' }),
    );
    expect((await api.get('/usage')).status).toBe(200);
  });
});

describe('GET /allocation', () => {
  it.each([
    ['/allocation', /environment/],
    ['/allocation?environment=', /environment/],
    ['/allocation?environment=../etc', /environment/],
    ['/allocation?environment=dev-a%22%7D', /environment/],
    ['/allocation?environment=dev-a&from=2026-02-30', /from: /],
    ['/allocation?environment=dev-a&to=yesterday', /to: /],
    [
      '/allocation?environment=dev-a&from=2026-03-02&to=2026-03-01',
      /from must not be after to/,
    ],
    [
      '/allocation?environment=dev-a&from=2024-01-01&to=2026-01-01',
      /more than 400 days/,
    ],
  ])('%s is a 400: %s', async (url, message) => {
    const { api, allocation } = await app();
    const res = await api.get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
    expect(allocation).not.toHaveBeenCalled();
  });

  it('defaults to this month so far and passes a valid range on', async () => {
    const { api, allocation } = await app();
    expect((await api.get('/allocation?environment=dev-a')).status).toBe(200);
    expect(allocation).toHaveBeenLastCalledWith({
      environment: 'dev-a',
      from: '2026-03-01',
      to: '2026-03-15',
    });
    await api.get('/allocation?environment=prod&from=2026-02-01&to=2026-02-28');
    expect(allocation).toHaveBeenLastCalledWith({
      environment: 'prod',
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('is refused without cost-uptime.allocation.read', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const { api, allocation } = await app(permissions);
    const res = await api.get('/allocation?environment=dev-a');
    expect(res.status).toBe(403);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'cost-uptime.allocation.read',
          }),
        },
      ],
      expect.anything(),
    );
    expect(allocation).not.toHaveBeenCalled();
  });
});

describe('POST /runs', () => {
  it('answers what the client resolves to, once the run is queued', async () => {
    const { api } = await app();
    const res = await api.post('/runs');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'triggered' });
  });

  it('is refused without cost-uptime.collection.run', async () => {
    const { api } = await app(
      mockServices.permissions.mock({
        authorize: async () => [{ result: AuthorizeResult.DENY }],
      }),
    );
    const res = await api.post('/runs');
    expect(res.status).toBe(403);
  });
});
