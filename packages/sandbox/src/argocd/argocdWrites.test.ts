import type { Server } from 'node:http';
import { Recorder } from '../recording';
import { exampleInstances } from './applications';
import { createArgoCdServer } from './ArgoCdStandIn';
import { listenLocally, closeServer } from '../testing';

describe('Argo CD stand-in write endpoints', () => {
  const recorder = new Recorder();
  const clock = new Date('2027-03-02T10:00:00Z');
  let server: Server;
  let base: string;
  let auth: Record<string, string>;

  beforeEach(async () => {
    recorder.requests.length = 0;
    server = createArgoCdServer(exampleInstances(), undefined, {
      recorder,
      now: () => clock,
    });
    base = `${await listenLocally(server)}/dev-a`;
    const { token } = await (
      await fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'admin',
          password: 'sandbox-argocd-dev-a',
        }),
      })
    ).json();
    auth = {
      Authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
  });
  afterEach(() => closeServer(server));

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: auth,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('syncs an application and records the request', async () => {
    const res = await call('POST', '/api/v1/applications/shop-web/sync', {
      prune: false,
      dryRun: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata.name).toBe('shop-web');
    expect(res.body.status.sync.status).toBe('Synced');
    expect(res.body.status.operationState).toMatchObject({
      phase: 'Succeeded',
      startedAt: '2027-03-02T10:00:00Z',
      operation: { initiatedBy: { username: 'admin' } },
    });
    expect(recorder.requests.map(r => [r.method, r.path, r.status])).toEqual([
      ['POST', '/dev-a/api/v1/applications/shop-web/sync', 200],
    ]);
    expect(recorder.requests[0].body).toEqual({ prune: false, dryRun: false });
  });

  it('refuses a sync while an operation runs, and terminates it', async () => {
    expect(
      (await call('DELETE', '/api/v1/applications/shop-web/operation')).body,
    ).toMatchObject({
      code: 9,
      message: expect.stringMatching(/No operation is in progress/),
    });
    // Argo CD's controller would be running it; the stand-in's is instant.
    const app = await call('GET', '/api/v1/applications/shop-web');
    expect(app.status).toBe(200);
    server.close();
    const data = exampleInstances();
    data['dev-a'].applications.find(
      a => a.metadata.name === 'shop-web',
    )!.status.operationState.phase = 'Running';
    server = createArgoCdServer(data, undefined, { recorder });
    base = `${await listenLocally(server)}/dev-a`;
    const { token } = await (
      await fetch(`${base}/api/v1/session`, {
        method: 'POST',
        body: JSON.stringify({
          username: 'admin',
          password: 'sandbox-argocd-dev-a',
        }),
      })
    ).json();
    auth = { Authorization: `Bearer ${token}` };
    const busy = await call('POST', '/api/v1/applications/shop-web/sync', {});
    expect(busy).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 9 }),
    });
    expect(
      (await call('DELETE', '/api/v1/applications/shop-web/operation')).status,
    ).toBe(200);
    expect(
      (await call('GET', '/api/v1/applications/shop-web')).body.status
        .operationState.phase,
    ).toBe('Terminating');
  });

  it('refreshes on GET ?refresh= and rejects an unknown refresh type', async () => {
    const res = await call(
      'GET',
      '/api/v1/applications/shop-web?refresh=normal',
    );
    expect(res.status).toBe(200);
    expect(res.body.status.reconciledAt).toBe('2027-03-02T10:00:00Z');
    expect(
      (await call('GET', '/api/v1/applications/shop-web?refresh=soft')).body,
    ).toMatchObject({ code: 3 });
    expect(recorder.requests.map(r => r.path)).toEqual([
      '/dev-a/api/v1/applications/shop-web?refresh=normal',
      '/dev-a/api/v1/applications/shop-web?refresh=soft',
    ]);
  });

  it('creates, updates and deletes applications like Argo CD', async () => {
    const spec = {
      project: 'shop',
      source: { repoURL: 'https://x/y.git', path: 'a' },
    };
    const created = await call('POST', '/api/v1/applications', {
      metadata: { name: 'shop-jobs' },
      spec,
    });
    expect(created.status).toBe(200);
    expect(created.body.status.sync.status).toBe('');
    const conflict = await call('POST', '/api/v1/applications', {
      metadata: { name: 'shop-jobs' },
      spec: { ...spec, project: 'other' },
    });
    expect(conflict.body).toMatchObject({
      code: 3,
      message: expect.stringMatching(/upsert/),
    });
    expect(
      (
        await call('POST', '/api/v1/applications', {
          metadata: { name: 'Bad_Name' },
          spec,
        })
      ).status,
    ).toBe(400);

    const updated = await call('PUT', '/api/v1/applications/shop-jobs', {
      metadata: { name: 'shop-jobs' },
      spec: { ...spec, project: 'other' },
    });
    expect(updated.body.spec.project).toBe('other');
    expect(
      (await call('PUT', '/api/v1/applications/nope', { spec })).status,
    ).toBe(404);

    expect(
      await call('DELETE', '/api/v1/applications/shop-jobs?cascade=true'),
    ).toEqual({ status: 200, body: {} });
    expect((await call('GET', '/api/v1/applications/shop-jobs')).status).toBe(
      404,
    );
    expect(
      (await call('DELETE', '/api/v1/applications/shop-jobs')).status,
    ).toBe(404);
    expect(recorder.requests.filter(r => r.method !== 'GET')).toHaveLength(7);
  });

  it('serves the recording at /_sandbox/requests', async () => {
    await call('DELETE', '/api/v1/applications/shop-web');
    const root = base.replace(/\/dev-a$/, '');
    const listed = await (await fetch(`${root}/_sandbox/requests`)).json();
    expect(listed.map((r: any) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /dev-a/api/v1/applications/shop-web',
    ]);
    await fetch(`${root}/_sandbox/requests`, { method: 'DELETE' });
    expect(await (await fetch(`${root}/_sandbox/requests`)).json()).toEqual([]);
  });
});
