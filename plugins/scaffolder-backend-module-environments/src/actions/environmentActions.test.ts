import { JENKINS_PASSWORD } from '@internal/sandbox/jenkins';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  createAuthorizeEnvironmentChangeAction,
  createEnvironmentPipelineAction,
  createPublishEnvironmentAction,
  createRemoveEnvironmentAction,
  createRenderEnvironmentAction,
} from '.';
import {
  GOOD_REQUEST,
  actionContext,
  closedPort,
  createService,
  gitFiles,
  gitLog,
  platformConfig,
  useIacRemote,
} from '@internal/plugin-environments-node/testUtils';

jest.setTimeout(60_000);

describe('environment actions against a real Git repository and the Jenkins stand-in', () => {
  const remote = useIacRemote();
  async function create(
    name: string,
    options: { user?: string; checkpoints?: Record<string, unknown> } = {},
    alerts?: { raise: jest.Mock },
  ) {
    const { service } = createService(
      platformConfig(remote.bare, remote.jenkins.url),
    );
    const render = actionContext({ ...GOOD_REQUEST, name }, options);
    await createRenderEnvironmentAction(service).handler(render.ctx);
    const publish = actionContext(
      { name },
      { ...options, workspacePath: render.ctx.workspacePath },
    );
    await createPublishEnvironmentAction(service).handler(publish.ctx);
    const pipeline = actionContext(
      {
        name,
        action: 'apply',
        gitRef: publish.outputs.commitSha,
        revertOnNoBuild: true,
      },
      options,
    );
    const run = createEnvironmentPipelineAction(service, alerts).handler(
      pipeline.ctx,
    );
    return { service, render, publish, pipeline, run };
  }

  it('renders, commits, runs the apply build with its live log, then deletes in reverse', async () => {
    const { service, render, publish, pipeline, run } = await create('dev-a');
    await run;

    expect(render.outputs.files).toEqual([
      'environments/dev-a/terraform.tfvars.json',
      'environments/dev-a/ansible-vars.yaml',
      'environments/dev-a/catalog-info.yaml',
    ]);
    expect(publish.outputs.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(gitFiles(remote.bare)).toEqual(
      (render.outputs.files as string[]).slice().sort(),
    );

    // The build got our parameters, and its log reached the task log line by line.
    const { builds } = await remote.jenkins.builds();
    expect(builds).toEqual([
      expect.objectContaining({
        parameters: {
          ENV_NAME: 'dev-a',
          ACTION: 'apply',
          GIT_REF: publish.outputs.commitSha,
          REQUEST_ID: expect.stringMatching(/^[0-9a-f]{32}$/),
        },
        result: 'SUCCESS',
      }),
    ]);
    expect(pipeline.logs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /Waiting in the Jenkins queue: In the quiet period/,
        ),
        expect.stringMatching(
          /^Build #1 started: http:\/\/localhost:\d+\/job\/platform\/job\/environment\/1\/console$/,
        ),
        'Apply complete! Resources: 10 added, 0 changed, 0 destroyed.',
        'Finished: SUCCESS',
      ]),
    );
    expect(pipeline.outputs).toMatchObject({
      buildNumber: 1,
      result: 'SUCCESS',
    });

    // The committed entity is ready, with the cluster's API server from the build's output.
    const entity = await service.readFromRepo('dev-a');
    expect(entity?.metadata.annotations).toMatchObject({
      'platform.acme.io/status': 'ready',
      'platform.acme.io/last-run-url': expect.stringMatching(/\/1\/console$/),
      'kubernetes.io/api-server': expect.stringMatching(
        /^https:\/\/.+eks\.amazonaws\.com$/,
      ),
      'kubernetes.io/auth-provider': 'aws',
      'cost-uptime.io/environment': 'dev-a',
    });

    // Delete: authorize, destroy, remove files.
    const auth = actionContext({
      environment: 'resource:default/dev-a',
      confirmation: 'dev-a',
    });
    await createAuthorizeEnvironmentChangeAction(service).handler(auth.ctx);
    expect(auth.outputs.name).toBe('dev-a');
    const destroy = actionContext({ name: 'dev-a', action: 'destroy' });
    await createEnvironmentPipelineAction(service).handler(destroy.ctx);
    expect(destroy.logs).toContain(
      'Destroy complete! Resources: 10 destroyed.',
    );
    expect(
      (await service.readFromRepo('dev-a'))?.metadata.annotations?.[
        'platform.acme.io/status'
      ],
    ).toBe('destroying');
    const remove = actionContext({ name: 'dev-a' });
    // The catalog mock has no dev-a, so "wait until the catalog drops it" returns at once.
    await createRemoveEnvironmentAction(service).handler(remove.ctx);
    expect(gitFiles(remote.bare)).toEqual([]);
    expect(gitLog(remote.bare)[0]).toMatch(/^Delete environment dev-a/);
  });

  it('never triggers a second build when a retried task replays the step', async () => {
    const checkpoints: Record<string, unknown> = {};
    const { service, run } = await create('dev-b', { checkpoints });
    await run;
    const again = actionContext(
      { name: 'dev-b', action: 'apply', revertOnNoBuild: true },
      { checkpoints },
    );
    await createEnvironmentPipelineAction(service).handler(again.ctx);
    expect((await remote.jenkins.builds()).builds).toHaveLength(1);
    expect(again.outputs.result).toBe('SUCCESS');
  });

  it('fails the step on a failed build, shows the log tail and marks the environment failed', async () => {
    const { service, run } = await create('fail-c');
    await expect(run).rejects.toThrow(
      /Jenkins build #1 of fail-c \(apply\) ended FAILURE\. Resources it created may exist: delete the environment to clean up\.[\s\S]*NodeCreationFailure[\s\S]*Finished: FAILURE$/,
    );
    expect(
      (await service.readFromRepo('fail-c'))?.metadata.annotations?.[
        'platform.acme.io/status'
      ],
    ).toBe('failed');
  });

  it("tells the environment's owners how the pipeline ended", async () => {
    const raise = jest.fn().mockResolvedValue({ id: 'x', status: 'sent' });
    const ok = await create('dev-b', {}, { raise });
    await ok.run;
    expect(raise).toHaveBeenCalledTimes(1);
    expect(raise).toHaveBeenLastCalledWith({
      type: 'environment.task',
      action: 'create',
      environment: 'dev-b',
      status: 'completed',
      taskId: ok.pipeline.ctx.task.id,
      entityRef: 'resource:default/dev-b',
    });

    const failed = await create('fail-d', {}, { raise });
    await expect(failed.run).rejects.toThrow(/ended FAILURE/);
    expect(raise).toHaveBeenCalledTimes(2);
    expect(raise).toHaveBeenLastCalledWith(
      expect.objectContaining({
        type: 'environment.task',
        environment: 'fail-d',
        status: 'failed',
        logTail: expect.stringMatching(
          /ended FAILURE[\s\S]*Finished: FAILURE$/,
        ),
      }),
    );
  });

  it('a failing alert channel does not change the task result', async () => {
    const raise = jest.fn().mockResolvedValue({ id: 'x', status: 'failed' });
    const { run } = await create('dev-c', {}, { raise });
    await expect(run).resolves.toBeUndefined();
    expect(raise).toHaveBeenCalledTimes(1);
  });

  it('removes the committed files again when the queue item is cancelled', async () => {
    const { run } = await create('cancel-d');
    await expect(run).rejects.toThrow(
      /queue item .* was cancelled before a build started/,
    );
    expect(gitFiles(remote.bare)).toEqual([]);
    expect(gitLog(remote.bare)[0]).toMatch(
      /^Revert environment cancel-d: the Jenkins queue item was cancelled/,
    );
    expect((await remote.jenkins.builds()).builds).toEqual([]);
  });

  it('refuses before committing when Jenkins is unreachable or refuses the credentials', async () => {
    const port = await closedPort();
    for (const [config, message] of [
      [
        platformConfig(remote.bare, `http://127.0.0.1:${port}`),
        new RegExp(
          `Jenkins at http://127.0.0.1:${port} is unreachable \\(ECONNREFUSED\\); nothing was started`,
        ),
      ],
      [
        platformConfig(remote.bare, remote.jenkins.url, { apiToken: 'wrong' }),
        /refused the credentials of user 'portal' \(401\)/,
      ],
      [
        platformConfig(remote.bare, remote.jenkins.url, { job: 'nope' }),
        /Jenkins job 'nope' does not exist/,
      ],
    ] as const) {
      const { service } = createService(config);
      const render = actionContext({ ...GOOD_REQUEST, name: 'dev-e' });
      await expect(
        createRenderEnvironmentAction(service).handler(render.ctx),
      ).rejects.toThrow(message);
    }
    expect(gitLog(remote.bare)).toEqual([]);
    expect((await remote.jenkins.builds()).builds).toEqual([]);
  });

  it('reverts the commit when Jenkins stops answering between commit and trigger', async () => {
    const { service } = createService(
      platformConfig(remote.bare, remote.jenkins.url),
    );
    const render = actionContext({ ...GOOD_REQUEST, name: 'dev-f' });
    await createRenderEnvironmentAction(service).handler(render.ctx);
    const publish = actionContext(
      { name: 'dev-f' },
      { workspacePath: render.ctx.workspacePath },
    );
    await createPublishEnvironmentAction(service).handler(publish.ctx);
    const { service: broken } = createService(
      platformConfig(remote.bare, remote.jenkins.url, { apiToken: 'revoked' }),
    );
    const pipeline = actionContext({
      name: 'dev-f',
      action: 'apply',
      revertOnNoBuild: true,
    });
    await expect(
      createEnvironmentPipelineAction(broken).handler(pipeline.ctx),
    ).rejects.toThrow(/401/);
    expect(gitFiles(remote.bare)).toEqual([]);
  });

  it('uses a crumb with password authentication', async () => {
    const { run } = await create('dev-g');
    await run;
    const { service } = createService(
      platformConfig(remote.bare, remote.jenkins.url, {
        apiToken: undefined,
        password: JENKINS_PASSWORD,
      }),
    );
    const destroy = actionContext({ name: 'dev-g', action: 'destroy' });
    await createEnvironmentPipelineAction(service).handler(destroy.ctx);
    expect(
      (await remote.jenkins.builds()).builds.map(b => b.parameters.ACTION),
    ).toEqual(['apply', 'destroy']);
  });

  it('dry run renders only: nothing committed, nothing triggered', async () => {
    const { service } = createService(
      platformConfig(remote.bare, 'http://127.0.0.1:9'),
    );
    const render = actionContext(
      { ...GOOD_REQUEST, name: 'dev-h' },
      { dryRun: true },
    );
    await createRenderEnvironmentAction(service).handler(render.ctx);
    const tfvars = JSON.parse(
      fs.readFileSync(
        path.join(
          render.ctx.workspacePath,
          'environments/dev-h/terraform.tfvars.json',
        ),
        'utf8',
      ),
    );
    expect(tfvars).toMatchObject({
      environment_name: 'dev-h',
      owner: 'group:default/developers',
      min_nodes: 1,
    });
    const entity = parse(
      fs.readFileSync(
        path.join(
          render.ctx.workspacePath,
          'environments/dev-h/catalog-info.yaml',
        ),
        'utf8',
      ),
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      spec: { type: 'environment', owner: 'group:default/developers' },
    });
    const publish = actionContext(
      { name: 'dev-h' },
      { dryRun: true, workspacePath: render.ctx.workspacePath },
    );
    await createPublishEnvironmentAction(service).handler(publish.ctx);
    const pipeline = actionContext(
      { name: 'dev-h', action: 'apply' },
      { dryRun: true },
    );
    await expect(
      createEnvironmentPipelineAction(service).handler(pipeline.ctx),
    ).rejects.toThrow(/no environment named "dev-h"/);
    expect(gitLog(remote.bare)).toEqual([]);
  });

  describe('who may delete', () => {
    it.each([
      ['the owner', 'user:default/minsu.park'],
      ['a platform admin', 'user:default/jiyoung.kim'],
    ])('%s may', async (_who, user) => {
      const { run } = await create('dev-i');
      await run;
      const { service } = createService(
        platformConfig(remote.bare, remote.jenkins.url),
      );
      const auth = actionContext(
        { environment: 'resource:default/dev-i', confirmation: 'dev-i' },
        { user },
      );
      await createAuthorizeEnvironmentChangeAction(service).handler(auth.ctx);
      expect(auth.outputs.name).toBe('dev-i');
    });

    it('someone else may not, and no destroy build is triggered', async () => {
      const { run } = await create('dev-k');
      await run;
      const { service } = createService(
        platformConfig(remote.bare, remote.jenkins.url),
      );
      const user = 'user:default/sora.lee';
      const refusal =
        /user:default\/sora.lee may not change environment dev-k: only its owner group:default\/developers and platform admins may/;
      const auth = actionContext(
        { environment: 'resource:default/dev-k', confirmation: 'dev-k' },
        { user },
      );
      await expect(
        createAuthorizeEnvironmentChangeAction(service).handler(auth.ctx),
      ).rejects.toThrow(refusal);
      const destroy = actionContext(
        { name: 'dev-k', action: 'destroy' },
        { user },
      );
      await expect(
        createEnvironmentPipelineAction(service).handler(destroy.ctx),
      ).rejects.toThrow(refusal);
      const remove = actionContext({ name: 'dev-k' }, { user });
      await expect(
        createRemoveEnvironmentAction(service).handler(remove.ctx),
      ).rejects.toThrow(refusal);
      expect((await remote.jenkins.builds()).builds).toHaveLength(1);
      expect(
        (await service.readFromRepo('dev-k'))?.metadata.annotations?.[
          'platform.acme.io/status'
        ],
      ).toBe('ready');
    });

    it('refuses a wrong confirmation', async () => {
      const { run } = await create('dev-j');
      await run;
      const { service } = createService(
        platformConfig(remote.bare, remote.jenkins.url),
      );
      const auth = actionContext({
        environment: 'resource:default/dev-j',
        confirmation: 'dev-x',
      });
      await expect(
        createAuthorizeEnvironmentChangeAction(service).handler(auth.ctx),
      ).rejects.toThrow(/Type the environment's name dev-j to confirm/);
    });
  });
});
