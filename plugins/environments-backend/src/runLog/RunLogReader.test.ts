/*
 * A run's log through the route, from the Jenkins stand-in: only runs of the
 * environment asked about, only for those who may read it, piece by piece
 * while the build runs, and clear errors for what cannot be read.
 */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import type { EnvironmentHistory } from '@internal/plugin-environments-common';
import { JenkinsClient } from '@internal/plugin-environments-node';
import {
  platformConfig,
  startJenkins,
} from '@internal/plugin-environments-node/testUtils';
import express from 'express';
import request from 'supertest';
import { createRouter } from '../service/router';
import { RunLogReader } from './RunLogReader';

jest.setTimeout(30_000);

describe('GET /environments/:name/runs/:id/log', () => {
  let jenkins: Awaited<ReturnType<typeof startJenkins>>;
  let history: EnvironmentHistory;
  let app: express.Express;
  let buildNumber: number;

  beforeEach(async () => {
    jenkins = await startJenkins({ quietPeriodMs: 0, lineDelayMs: 15 });
    const client = new JenkinsClient(
      platformConfig('unused', jenkins.url).jenkins,
      { pollMs: 10 },
    );
    const build = await client.waitForBuild(
      await client.trigger({ ENV_NAME: 'dev-a', ACTION: 'apply' }),
    );
    buildNumber = build.number;
    history = {
      name: 'dev-a',
      state: 'provisioning',
      runs: [
        {
          id: 7,
          operation: 'create',
          requestedBy: 'user:default/minsu.park',
          requestedAt: '2026-12-04T10:00:00.000Z',
          build,
        },
        {
          id: 6,
          operation: 'extend',
          requestedBy: 'user:default/minsu.park',
          requestedAt: '2026-12-03T10:00:00.000Z',
          result: 'SUCCESS',
        },
      ],
    };
    const reader = {
      read: async (name: string) => {
        if (name === 'prod') throw new NotAllowedError('You may not see prod');
        return { ...history, name };
      },
    };
    const router = await createRouter({
      extender: { extend: jest.fn() },
      reader,
      store: { startRun: jest.fn(), setBuild: jest.fn(), finishRun: jest.fn() },
      logs: new RunLogReader({ reader, jenkins: client, maxChars: 4000 }),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
    });
    app = express().use(router).use(mockErrorHandler());
  });
  afterEach(() => jenkins.stop());

  const log = (path: string) => request(app).get(path);

  it('follows a running build from each offset to its end', async () => {
    let text = '';
    let next = 0;
    let pieces = 0;
    for (;;) {
      const res = await log(`/environments/dev-a/runs/7/log?start=${next}`);
      expect(res.status).toBe(200);
      text += res.body.text;
      next = res.body.next;
      pieces += 1;
      if (!res.body.more) break;
      await new Promise(r => setTimeout(r, 50));
    }
    expect(pieces).toBeGreaterThan(1);
    expect(text).toContain('[Pipeline]');
    expect(text).toMatch(/Finished: SUCCESS\s*$/);
  });

  it('cuts a long log to its end and says so', async () => {
    let res;
    do {
      res = await log('/environments/dev-a/runs/7/log');
      await new Promise(r => setTimeout(r, 50));
    } while (res.body.more);
    const whole = await new JenkinsClient(
      platformConfig('unused', jenkins.url).jenkins,
    ).readLog({ number: buildNumber });
    expect(whole.text.length).toBeGreaterThan(4000);
    expect(res.body).toEqual({
      text: whole.text.slice(-4000),
      next: whole.next,
      more: false,
      truncated: true,
    });
  });

  it('answers a run without a build with no text', async () => {
    const res = await log('/environments/dev-a/runs/6/log');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ text: '', next: 0, more: false });
  });

  it('refuses who may not read the environment, and runs of others', async () => {
    expect((await log('/environments/prod/runs/7/log')).status).toBe(403);
    const other = await log('/environments/dev-a/runs/8/log');
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe(
      'Environment dev-a has no pipeline run 8',
    );
  });

  it.each(['-1', '1.5', 'abc', '9007199254740993'])(
    'refuses ?start=%s',
    async start => {
      const res = await log(`/environments/dev-a/runs/7/log?start=${start}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Expected \?start= a byte offset/,
      );
    },
  );

  it('refuses a run id that is not one', async () => {
    const res = await log('/environments/dev-a/runs/..%2F1/log');
    expect(res.status).toBe(400);
  });

  it('says when Jenkins no longer has the build', async () => {
    history.runs[0].build = { number: 99, url: `${jenkins.url}/job/x/99/` };
    const res = await log('/environments/dev-a/runs/7/log');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Jenkins no longer has build #99 of run 7, or its log',
    );
  });
});
