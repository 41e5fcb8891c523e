import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, listen, readBody, sendJson, type Route } from './http';

describe('dispatch', () => {
  const calls: string[] = [];
  const routes: Route<string>[] = [
    ['GET', '/a', ctx => void calls.push(`get a ${ctx}`)],
    ['*', /\/items\/(\d+)/, (_ctx, [id]) => void calls.push(`item ${id}`)],
    ['POST', '/a', () => void calls.push('post a')],
  ];

  beforeEach(() => {
    calls.length = 0;
  });

  it('runs the first route whose method and whole path match', async () => {
    expect(await dispatch(routes, 'GET', '/a', 'x')).toBe(true);
    expect(await dispatch(routes, 'POST', '/a', 'x')).toBe(true);
    expect(await dispatch(routes, 'DELETE', '/items/42', 'x')).toBe(true);
    expect(calls).toEqual(['get a x', 'post a', 'item 42']);
  });

  it('resolves false when no route matches, and a pattern must match the whole path', async () => {
    expect(await dispatch(routes, 'PUT', '/a', 'x')).toBe(false);
    expect(await dispatch(routes, 'GET', '/items/42/more', 'x')).toBe(false);
    expect(await dispatch(routes, 'GET', '/x/items/42', 'x')).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('listen, readBody and sendJson', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = await listen({ host: '127.0.0.1', port: 0 }, async (req, res) => {
      try {
        const body = await readBody(req, { limit: 10 });
        sendJson(res, 201, { got: body }, { 'x-extra': '1' });
      } catch {
        // The request was destroyed for being too large.
      }
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(r => server.close(() => r())));

  it('answers JSON with the default content type and extra headers', async () => {
    const res = await fetch(base, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    );
    expect(res.headers.get('x-extra')).toBe('1');
    expect(await res.json()).toEqual({ got: 'hello' });
  });

  it('drops a request whose body is over the limit', async () => {
    await expect(
      fetch(base, { method: 'POST', body: 'x'.repeat(100_000) }),
    ).rejects.toThrow();
  });
});
