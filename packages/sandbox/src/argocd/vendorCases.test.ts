import type { Server } from 'node:http';
import { ARGOCD_CREDENTIALS, createArgoCdServer } from './ArgoCdStandIn';
import { exampleInstances } from './applications';
import { PINNED_DIGEST, vendorCaseApplications } from './vendorCases';
import { listenLocally, closeServer } from '../testing';

const NOW = new Date('2026-11-25T10:00:00Z');

describe('Argo CD stand-in, awkward replies', () => {
  let server: Server;
  let base: string;
  let auth: { Authorization: string };
  beforeAll(async () => {
    server = createArgoCdServer({
      ...exampleInstances({ now: () => NOW }),
      'dev-a': vendorCaseApplications({ now: () => NOW }),
    });
    base = await listenLocally(server);
    const { token } = await (
      await fetch(`${base}/dev-a/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ARGOCD_CREDENTIALS['dev-a']),
      })
    ).json();
    auth = { Authorization: `Bearer ${token}` };
  });
  afterAll(() => closeServer(server));

  const get = (path: string) =>
    fetch(`${base}/dev-a/api/v1/${path}`, { headers: auth });

  it('lists a meshed app with its proxies first, and a digest-pinned image', async () => {
    const payments = await (await get('applications/payments')).json();
    expect(payments.status.summary.images[0]).toMatch(/kuma-dp/);
    const checkout = await (await get('applications/checkout')).json();
    expect(checkout.status.summary.images).toEqual([
      expect.stringMatching(new RegExp(`/checkout@${PINNED_DIGEST}$`)),
    ]);
    expect(PINNED_DIGEST).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('serves a just-created app with an empty sync status', async () => {
    const reviews = await (await get('applications/reviews')).json();
    expect(reviews.status.sync.status).toBe('');
    expect(reviews.status.history).toBeUndefined();
    expect(reviews.status.operationState).toBeUndefined();
  });

  it('serves a multi-source app with revisions instead of revision', async () => {
    const orders = await (await get('applications/orders')).json();
    expect(orders.spec.source).toBeUndefined();
    expect(orders.spec.sources).toHaveLength(2);
    expect(orders.status.sync.revision).toBeUndefined();
    expect(orders.status.sync.revisions).toHaveLength(2);
    expect(orders.status.history[0].revisions).toHaveLength(2);
    expect(orders.status.operationState.operation.sync.revisions).toEqual(
      orders.status.sync.revisions,
    );
    expect(orders.status.operationState.phase).toBe('Failed');
  });

  it('finds an app of another namespace only with appNamespace', async () => {
    expect((await get('applications/ledger')).status).toBe(404);
    const ledger = await (
      await get('applications/ledger?appNamespace=team-payments')
    ).json();
    expect(ledger.metadata.namespace).toBe('team-payments');
    const list = await (
      await get('applications?appNamespace=team-payments')
    ).json();
    expect(list.items.map((a: any) => a.metadata.name)).toEqual(['ledger']);
    const ui = await fetch(`${base}/dev-a/applications/team-payments/ledger`);
    expect(ui.status).toBe(200);
    expect((await fetch(`${base}/dev-a/applications/ledger`)).status).toBe(404);
  });

  it('dates the fixtures from the clock it is given', async () => {
    const prod = exampleInstances({ now: () => NOW }).prod;
    const history = prod.applications[0].status.history;
    // shop-backend's last deploy in prod: one day before now.
    expect(history[history.length - 1].deployedAt).toBe('2026-11-24T10:00:00Z');
    expect(history[history.length - 1].deployStartedAt).toBe(
      '2026-11-24T09:59:00Z',
    );
    const later = exampleInstances({
      now: () => new Date('2027-01-01T00:00:00Z'),
    });
    expect(later.prod.applications[0].metadata.creationTimestamp).toBe(
      '2026-10-03T00:00:00Z',
    );
  });
});
