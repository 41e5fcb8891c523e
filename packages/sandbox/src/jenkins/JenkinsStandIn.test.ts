import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Jenkins } from '@backstage-community/plugin-jenkins-common';
import { jenkinsStandIn } from './JenkinsStandIn';
import { JENKINS_API_TOKEN, JENKINS_USER, type JenkinsState } from './state';

// The tree the community Jenkins backend asks a job for (jenkinsApi.ts,
// jobTreeSpec with projectCountLimit 50).
const LAST_BUILD = `lastBuild[number,url,fullDisplayName,displayName,building,result,timestamp,duration,actions[*[*[*[*]]]]],`;
const JOB_TREE = `actions[*],${LAST_BUILD}jobs{0,1},url,name,fullName,displayName,fullDisplayName,inQueue`;

describe('Jenkins stand-in: the example application jobs', () => {
  let server: Server;
  let state: JenkinsState;
  let base: string;
  let client: Jenkins;

  beforeAll(async () => {
    const standIn = jenkinsStandIn({ lineDelayMs: 1, quietPeriodMs: 10 });
    state = standIn.state;
    server = await standIn.start({ host: '127.0.0.1', port: 0, url: '' });
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
    const auth = Buffer.from(`${JENKINS_USER}:${JENKINS_API_TOKEN}`).toString(
      'base64',
    );
    client = new Jenkins({
      baseUrl: base,
      headers: { Authorization: `Basic ${auth}` },
      crumbIssuer: false,
    });
  });
  afterAll(() => new Promise<void>(r => server.close(() => r())));

  it('answers a Pipeline job has no jobs, then the job with its latest build', async () => {
    const asFolder = await client.job.get({
      name: 'shop/shop-backend',
      tree: `jobs[${JOB_TREE}]{0,50}`,
    });
    expect(asFolder).toEqual({
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
    });

    const job = await client.job.get({
      name: 'shop/shop-backend',
      tree: `${JOB_TREE}{0,50}`,
    });
    expect(job).toMatchObject({
      fullName: 'shop/shop-backend',
      fullDisplayName: 'shop » shop-backend',
      inQueue: false,
      lastBuild: { number: 56, result: 'FAILURE', building: false },
    });
    const actions = job.lastBuild.actions;
    const git = actions.find(
      (a: any) => a._class === 'hudson.plugins.git.util.BuildData',
    );
    const [branchBuild] = Object.values(git.buildsByBranchName) as any[];
    expect(branchBuild.revision.branch[0]).toEqual({
      SHA1: expect.stringMatching(/^[0-9a-f]{40}$/),
      name: 'refs/remotes/origin/main',
    });
    expect(
      actions.find(
        (a: any) => a._class === 'hudson.tasks.junit.TestResultAction',
      ),
    ).toMatchObject({ failCount: 3, skipCount: 2, totalCount: 214 });
  });

  it('lists a folder’s jobs and a running build', async () => {
    const folder = await client.job.get({
      name: 'shop',
      tree: `jobs[${JOB_TREE}]{0,50}`,
    });
    const web = folder.jobs.find((j: any) => j.name === 'shop-web');
    expect(web.lastBuild).toMatchObject({
      number: 130,
      building: true,
      result: null,
    });
  });

  it('serves every build of a job and one build with its log', async () => {
    const { builds } = (await client.job.getBuilds(
      'shop/shop-backend',
      'name,fullName,builds[*]',
    )) as { builds: unknown[] };
    expect(builds.map((b: any) => [b.number, b.result, b.inProgress])).toEqual([
      [56, 'FAILURE', false],
      [55, 'SUCCESS', false],
      [54, 'SUCCESS', false],
      [53, 'FAILURE', false],
      [52, 'SUCCESS', false],
    ]);
    const build = await client.build.get('shop/shop-backend', 53);
    expect(build.fullDisplayName).toBe('shop » shop-backend #53');
    const log = await client.build.getConsoleText('shop/shop-backend', 53);
    expect(log).toContain('test_refund_rounds_to_the_cent');
    expect(log.trim().endsWith('Finished: FAILURE')).toBe(true);
  });

  it('reruns a build with its parameters (Pipeline replay) and redirects to the job', async () => {
    const auth = `Basic ${Buffer.from(
      `${JENKINS_USER}:${JENKINS_API_TOKEN}`,
    ).toString('base64')}`;
    const res = await fetch(
      `${base}/job/shop/job/shop-backend/56/replay/rebuild`,
      {
        method: 'POST',
        headers: { authorization: auth },
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      `${base}/job/shop/job/shop-backend/`,
    );
    await new Promise(r => setTimeout(r, 50));
    const rerun = state.builds.find(
      b => b.job === 'shop/shop-backend' && b.number === 57,
    );
    expect(rerun?.parameters).toEqual({
      IMAGE_TAG: '2.3.1',
      DEPLOY_ENVIRONMENTS: 'dev-a',
    });
    // A bad token, or none, is refused as Jenkins does.
    const bad = await fetch(`${base}/job/shop/job/shop-backend/api/json`, {
      headers: {
        authorization: `Basic ${Buffer.from('portal:nope').toString('base64')}`,
      },
    });
    expect(bad.status).toBe(401);
    const none = await fetch(`${base}/job/shop/job/shop-backend/api/json`);
    expect(none.status).toBe(403);
  });

  it('drops every connection during an outage', async () => {
    await fetch(`${base}/__sandbox/outage`, { method: 'POST' });
    try {
      await expect(client.job.get({ name: 'shop/shop-web' })).rejects.toThrow(
        /socket hang up|ECONNRESET|fetch failed/,
      );
    } finally {
      await fetch(`${base}/__sandbox/outage`, { method: 'DELETE' });
    }
    expect((await client.job.get({ name: 'shop/shop-web' })).name).toBe(
      'shop-web',
    );
  });
});

describe('Jenkins stand-in: triggering environment builds', () => {
  const auth = `Basic ${Buffer.from(
    `${JENKINS_USER}:${JENKINS_API_TOKEN}`,
  ).toString('base64')}`;

  async function start(options: Parameters<typeof jenkinsStandIn>[0]) {
    const standIn = jenkinsStandIn({ lineDelayMs: 1, ...options });
    const server = await standIn.start({ host: '127.0.0.1', port: 0, url: '' });
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    const trigger = (parameters: Record<string, string>) =>
      fetch(`${base}/job/platform/job/environment/buildWithParameters`, {
        method: 'POST',
        headers: { authorization: auth },
        body: new URLSearchParams(parameters),
        redirect: 'manual',
      });
    const get = async (p: string) =>
      (await fetch(`${base}${p}`, { headers: { authorization: auth } })).json();
    return {
      base,
      state: standIn.state,
      trigger,
      get,
      stop: () => new Promise<void>(r => server.close(() => r())),
    };
  }

  it.each([
    [200, {}],
    [303, { duplicateStatus: 303 as const }],
  ])(
    'answers %i with the waiting item for the same parameters, and queues again once it left',
    async (status, options) => {
      const jenkins = await start({ quietPeriodMs: 100, ...options });
      try {
        const parameters = { ENV_NAME: 'dev-a', ACTION: 'apply' };
        const first = await jenkins.trigger(parameters);
        expect(first.status).toBe(201);
        const again = await jenkins.trigger(parameters);
        expect(again.status).toBe(status);
        expect(again.headers.get('location')).toBe(
          `${jenkins.base}/queue/item/1/`,
        );
        const other = await jenkins.trigger({
          ...parameters,
          ENV_NAME: 'dev-b',
        });
        expect(other.headers.get('location')).toBe(
          `${jenkins.base}/queue/item/2/`,
        );
        const queue = await jenkins.get('/queue/api/json?tree=items[id]');
        expect(queue.items.map((i: { id: number }) => i.id)).toEqual([1, 2]);
        await new Promise(r => setTimeout(r, 150));
        const later = await jenkins.trigger(parameters);
        expect(later.status).toBe(201);
        expect(later.headers.get('location')).toBe(
          `${jenkins.base}/queue/item/3/`,
        );
      } finally {
        await jenkins.stop();
      }
    },
  );

  it("writes Jenkins' configured root URL, drops undeclared parameters, and can lose an answer", async () => {
    const jenkins = await start({
      quietPeriodMs: 0,
      rootUrl: 'http://jenkins.internal:8080/',
    });
    try {
      const res = await jenkins.trigger({
        ENV_NAME: 'dev-a',
        ACTION: 'apply',
        REQUEST_ID: 'r1',
        EXTRA: 'ignored',
      });
      expect(res.headers.get('location')).toBe(
        'http://jenkins.internal:8080/queue/item/1/',
      );
      await new Promise(r => setTimeout(r, 20));
      const item = await jenkins.get('/queue/item/1/api/json');
      expect(item.executable.url).toBe(
        'http://jenkins.internal:8080/job/platform/job/environment/1/',
      );
      expect(jenkins.state.builds.at(-1)?.parameters).toEqual({
        ENV_NAME: 'dev-a',
        ACTION: 'apply',
        REQUEST_ID: 'r1',
      });

      jenkins.state.dropNextTriggerResponse = true;
      await expect(jenkins.trigger({ ENV_NAME: 'dev-b' })).rejects.toThrow(
        /fetch failed/,
      );
      expect(jenkins.state.queue.get(2)?.parameters).toEqual({
        ENV_NAME: 'dev-b',
      });
    } finally {
      await jenkins.stop();
    }
  });
});
