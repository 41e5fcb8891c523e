import { createArgoCdServer } from './ArgoCdStandIn';
import { serveDuringTests } from '../testing';

describe('Argo CD stand-in', () => {
  const argocd = serveDuringTests(() => createArgoCdServer());

  const login = async (instance: string, password: string) =>
    fetch(`${argocd.base}/${instance}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });

  it('gives a session token for the instance credentials only', async () => {
    expect((await login('dev-a', 'wrong')).status).toBe(401);
    const res = await login('dev-a', 'sandbox-argocd-dev-a');
    expect(res.status).toBe(200);
    expect((await res.json()).token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('serves applications with history to a session of that instance', async () => {
    const { token } = await (
      await login('dev-a', 'sandbox-argocd-dev-a')
    ).json();
    const auth = { Authorization: `Bearer ${token}` };
    expect(
      (await fetch(`${argocd.base}/dev-a/api/v1/applications/shop-backend`))
        .status,
    ).toBe(401);
    expect(
      (
        await fetch(`${argocd.base}/prod/api/v1/applications/shop-backend`, {
          headers: auth,
        })
      ).status,
    ).toBe(401);
    const app = await (
      await fetch(`${argocd.base}/dev-a/api/v1/applications/shop-backend`, {
        headers: auth,
      })
    ).json();
    expect(app.status.health.status).toBe('Degraded');
    expect(app.status.operationState.message).toMatch(/PostSync hook/);
    expect(app.status.history).toHaveLength(3);
    const rev = app.status.history[2].revision;
    const meta = await (
      await fetch(
        `${argocd.base}/dev-a/api/v1/applications/shop-backend/revisions/${rev}/metadata`,
        {
          headers: auth,
        },
      )
    ).json();
    expect(meta.message).toBe(
      'ci(shop-backend): deploy image tag 2.3.0 to dev-a',
    );

    const missing = await fetch(
      `${argocd.base}/dev-a/api/v1/applications/nope`,
      {
        headers: auth,
      },
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 5 });

    const list = await (
      await fetch(
        `${argocd.base}/dev-a/api/v1/applications?selector=${encodeURIComponent(
          'backstage.io/kubernetes-id=shop-web',
        )}`,
        { headers: auth },
      )
    ).json();
    expect(
      list.items.map((a: any) => [a.metadata.name, a.status.sync.status]),
    ).toEqual([['shop-web', 'OutOfSync']]);
  });
});
