import {
  createKubernetesServer,
  isEksToken,
  parseSelector,
} from './KubernetesStandIn';
import { serveDuringTests } from '../testing';

const eksToken = (url: string) =>
  `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
const PRESIGNED = `https://sts.ap-northeast-2.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261125%2Fap-northeast-2%2Fsts%2Faws4_request&X-Amz-Date=20261125T000000Z&X-Amz-Expires=0&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Signature=${'a'.repeat(
  64,
)}`;

describe('Kubernetes stand-in', () => {
  const kubernetes = serveDuringTests(() => createKubernetesServer());

  it('accepts the EKS token shape only', () => {
    expect(isEksToken(eksToken(PRESIGNED))).toBe(true);
    expect(
      isEksToken(eksToken(PRESIGNED.replace('x-k8s-aws-id', 'host'))),
    ).toBe(false);
    expect(isEksToken('k8s-aws-v1.bm9wZQ')).toBe(false);
    expect(isEksToken('some-token')).toBe(false);
  });

  it('parses equality-based selectors', () => {
    expect(parseSelector('a=b,c!=d,e,!f')).toEqual([
      { key: 'a', op: '=', value: 'b' },
      { key: 'c', op: '!=', value: 'd' },
      { key: 'e', op: 'exists' },
      { key: 'f', op: '!exists' },
    ]);
  });

  it('answers 401 as a Status without a valid token', async () => {
    const res = await fetch(`${kubernetes.base}/clusters/dev-a/api/v1/pods`, {
      headers: { Authorization: 'Bearer sandbox-ops-cluster-token' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      code: 401,
      reason: 'Unauthorized',
    });
  });

  it('lists pods of one service in List shape, filtered by label', async () => {
    const res = await fetch(
      `${
        kubernetes.base
      }/clusters/dev-a/api/v1/pods?labelSelector=${encodeURIComponent(
        'backstage.io/kubernetes-id=shop-backend',
      )}`,
      { headers: { Authorization: `Bearer ${eksToken(PRESIGNED)}` } },
    );
    expect(res.status).toBe(200);
    const list = await res.json();
    expect(list).toMatchObject({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.any(String) },
    });
    const waiting = list.items.map(
      (p: any) =>
        p.status.containerStatuses?.[0]?.state?.waiting?.reason ??
        p.status.phase,
    );
    expect(waiting.sort()).toEqual(['CrashLoopBackOff', 'Running']);
  });

  it('serves namespaced group resources and drops connections during an outage', async () => {
    const headers = { Authorization: 'Bearer sandbox-ops-cluster-token' };
    const url = `${kubernetes.base}/clusters/ops/apis/apps/v1/namespaces/portal/deployments`;
    const list = await (await fetch(url, { headers })).json();
    expect(list.kind).toBe('DeploymentList');
    expect(list.items.map((d: any) => d.metadata.name)).toEqual([
      'portal-backend',
    ]);
    await fetch(`${kubernetes.base}/_sandbox/outage/ops`, { method: 'POST' });
    await expect(fetch(url, { headers })).rejects.toThrow();
    await fetch(`${kubernetes.base}/_sandbox/outage/ops`, { method: 'DELETE' });
    expect((await fetch(url, { headers })).status).toBe(200);
  });
});
