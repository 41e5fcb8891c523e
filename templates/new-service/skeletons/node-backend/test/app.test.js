import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../src/app.js';

async function withServer(fn) {
  const server = createApp().listen(0);
  await new Promise(resolve => server.once('listening', resolve));
  try {
    await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

test('GET /healthz answers ok', async () => {
  await withServer(async base => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });
});

test('unknown paths are 404', async () => {
  await withServer(async base => {
    const res = await fetch(`${base}/nope`);
    assert.equal(res.status, 404);
  });
});
