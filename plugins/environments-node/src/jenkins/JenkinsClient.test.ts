import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { platformConfig, startJenkins } from '../__testUtils__/testUtils';
import { BuildMayHaveStartedError, JenkinsClient } from './JenkinsClient';

jest.setTimeout(30_000);

const PARAMETERS = { ENV_NAME: 'dev-a', ACTION: 'apply', GIT_REF: 'main' };

function client(baseUrl: string) {
  return new JenkinsClient(platformConfig('unused', baseUrl).jenkins, {
    pollMs: 10,
  });
}

describe('JenkinsClient.trigger against the Jenkins stand-in', () => {
  let jenkins: Awaited<ReturnType<typeof startJenkins>> | undefined;
  afterEach(async () => {
    await jenkins?.stop();
    jenkins = undefined;
  });

  it.each([303, 200] as const)(
    'takes a duplicate answered %i as the existing queue item',
    async duplicateStatus => {
      // Both requests must reach Jenkins while the first waits out its quiet
      // period; 3 s leaves room for a loaded machine.
      jenkins = await startJenkins({ duplicateStatus, quietPeriodMs: 3000 });
      const jenkinsClient = client(jenkins.url);
      const first = await jenkinsClient.trigger(PARAMETERS);
      const second = await jenkinsClient.trigger(PARAMETERS);
      expect(first).toBe(`${jenkins.url}/queue/item/1/`);
      expect(second).toBe(first);
      const build = await jenkinsClient.waitForBuild(second);
      expect(build.number).toBe(1);
      expect((await jenkins.builds()).builds).toHaveLength(1);
    },
  );

  it("rebases a Location on Jenkins' own root URL onto the configured base URL", async () => {
    jenkins = await startJenkins({ rootUrl: 'http://jenkins.internal:8080/' });
    const jenkinsClient = client(jenkins.url);
    const queueUrl = await jenkinsClient.trigger(PARAMETERS);
    expect(queueUrl).toBe(`${jenkins.url}/queue/item/1/`);
    const build = await jenkinsClient.waitForBuild(queueUrl);
    expect(build).toEqual({
      number: 1,
      url: 'http://jenkins.internal:8080/job/platform/job/environment/1/',
    });
    const { result } = await jenkinsClient.followBuild(build, {
      onText: () => {},
      onHeartbeat: () => {},
    });
    expect(result).toBe('SUCCESS');
  });

  it('finds the build by its request id when the answer to the POST is lost', async () => {
    jenkins = await startJenkins();
    const jenkinsClient = client(jenkins.url);
    const requestId = JenkinsClient.requestId('task-1', 'apply', 'dev-a');
    await jenkins.control({ dropNextTriggerResponse: true });
    const queueUrl = await jenkinsClient.trigger(PARAMETERS, { requestId });
    expect(queueUrl).toBe(`${jenkins.url}/queue/item/1/`);
    await jenkinsClient.waitForBuild(queueUrl);
    // The step runs again after the build started: still the same build.
    expect(await jenkinsClient.trigger(PARAMETERS, { requestId })).toBe(
      queueUrl,
    );
    const { builds, queue } = await jenkins.builds();
    expect(builds).toEqual([
      expect.objectContaining({
        number: 1,
        parameters: { ...PARAMETERS, REQUEST_ID: requestId },
      }),
    ]);
    expect(queue).toHaveLength(1);
  });

  it('starts one build for the same request sent twice at once', async () => {
    jenkins = await startJenkins();
    const jenkinsClient = client(jenkins.url);
    const requestId = JenkinsClient.requestId('task-2', 'apply', 'dev-a');
    const [a, b] = await Promise.all([
      jenkinsClient.trigger(PARAMETERS, { requestId }),
      jenkinsClient.trigger(PARAMETERS, { requestId }),
    ]);
    expect(a).toBe(b);
    await jenkinsClient.waitForBuild(a);
    expect((await jenkins.builds()).builds).toHaveLength(1);
  });

  it('without a request id, a lost answer says the build may have been queued', async () => {
    jenkins = await startJenkins();
    await jenkins.control({ dropNextTriggerResponse: true });
    const error = await client(jenkins.url)
      .trigger(PARAMETERS)
      .catch(e => e);
    expect(error).toBeInstanceOf(BuildMayHaveStartedError);
    expect(error.message).toMatch(/Jenkins may have queued it/);
    expect(error.message).not.toMatch(/nothing was started/);
  });
});

describe('JenkinsClient.trigger with a Location that is not a queue item', () => {
  let server: http.Server;
  let base: string;
  let location: string;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(201, { location, 'content-length': '0' });
      res.end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(r => server.close(() => r())));

  it.each([
    'http://jenkins.internal/queue/item/7/api/json?tree=executable',
    'http://jenkins.internal/queue/item/7/../../../script',
    'http://jenkins.internal/job/x/',
    'http://jenkins.internal/queue/item/abc/',
    'ftp://jenkins.internal/queue/item/7/',
  ])('refuses %s', async bad => {
    location = bad;
    await expect(client(base).trigger(PARAMETERS)).rejects.toThrow(
      /Jenkins did not queue the build \(status 201, a Location that is not a queue item/,
    );
  });

  it('accepts a relative one and one under a context path', async () => {
    location = '/queue/item/7/';
    expect(await client(base).trigger(PARAMETERS)).toBe(
      `${base}/queue/item/7/`,
    );
    location = 'https://ci.internal/jenkins/queue/item/8';
    expect(await client(base).trigger(PARAMETERS)).toBe(
      `${base}/queue/item/8/`,
    );
  });
});

describe('JenkinsClient.readLog against the Jenkins stand-in', () => {
  let jenkins: Awaited<ReturnType<typeof startJenkins>> | undefined;
  afterEach(async () => {
    await jenkins?.stop();
    jenkins = undefined;
  });

  it('reads a running build piece by piece from each offset, then the whole finished log', async () => {
    jenkins = await startJenkins({ quietPeriodMs: 0, lineDelayMs: 20 });
    const jenkinsClient = client(jenkins.url);
    const build = await jenkinsClient.waitForBuild(
      await jenkinsClient.trigger(PARAMETERS),
    );
    let text = '';
    let start = 0;
    let sawMore = false;
    for (let piece = await jenkinsClient.readLog(build, start); ; ) {
      expect(piece.next).toBeGreaterThanOrEqual(start);
      text += piece.text;
      start = piece.next;
      if (!piece.more) break;
      sawMore = true;
      await new Promise(r => setTimeout(r, 30));
      piece = await jenkinsClient.readLog(build, start);
    }
    expect(sawMore).toBe(true);
    expect(text).toMatch(/Finished: SUCCESS\s*$/);
    // Asked again from 0 once finished: the same text, and no more to come.
    const whole = await jenkinsClient.readLog(build, 0);
    expect(whole).toEqual({
      text,
      next: Buffer.byteLength(text),
      more: false,
    });
    expect(await jenkinsClient.readLog(build, whole.next)).toEqual({
      text: '',
      next: whole.next,
      more: false,
    });
  });

  it('says Jenkins has no such build', async () => {
    jenkins = await startJenkins();
    await expect(client(jenkins.url).readLog({ number: 99 })).rejects.toThrow(
      /Jenkins has no \/job\/platform\/job\/environment\/99\/logText/,
    );
  });
});
