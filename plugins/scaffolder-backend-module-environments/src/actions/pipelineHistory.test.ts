/*
 * What the pipeline step records in the environment's history, with the
 * real Git repository and the Jenkins stand-in. The recorder double keeps
 * the store's rule: one open run per environment.
 */
import { oneWinsOneRefused } from '@internal/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type {
  EnvironmentRunRecorder,
  RunFinish,
  RunStart,
} from '@internal/plugin-environments-node';
import {
  GOOD_REQUEST,
  actionContext,
  createService,
  platformConfig,
  useIacRemote,
} from '@internal/plugin-environments-node/testUtils';
import {
  createEnvironmentPipelineAction,
  createPublishEnvironmentAction,
  createRenderEnvironmentAction,
} from '.';

jest.setTimeout(60_000);

class RecordingRecorder implements EnvironmentRunRecorder {
  readonly runs: ({
    id: number;
    environment: string;
    build?: object;
    end?: RunFinish;
  } & RunStart)[] = [];
  async start(environment: string, run: RunStart) {
    if (this.runs.some(r => r.environment === environment && !r.end)) {
      throw new ConflictError(
        `Environment ${environment} has a pipeline run going already`,
      );
    }
    const id = this.runs.length + 1;
    this.runs.push({ id, environment, ...run });
    return { id };
  }
  async setBuild(id: number, build: { number: number; url: string }) {
    this.runs[id - 1].build = build;
  }
  async finish(id: number, end: RunFinish) {
    this.runs[id - 1].end = end;
  }
}

describe('the pipeline step in the environment history', () => {
  let recorder: RecordingRecorder;

  const remote = useIacRemote();
  beforeEach(async () => {
    recorder = new RecordingRecorder();
  });
  async function committed(name: string) {
    const { service } = createService(
      platformConfig(remote.bare, remote.jenkins.url),
    );
    const render = actionContext({ ...GOOD_REQUEST, name });
    await createRenderEnvironmentAction(service).handler(render.ctx);
    const publish = actionContext(
      { name },
      { workspacePath: render.ctx.workspacePath },
    );
    await createPublishEnvironmentAction(service).handler(publish.ctx);
    return { service, sha: publish.outputs.commitSha as string };
  }

  const pipeline = (service: any, input: Record<string, unknown>) => {
    const step = actionContext(input);
    return {
      step,
      run: createEnvironmentPipelineAction(
        service,
        undefined,
        recorder,
      ).handler(step.ctx),
    };
  };

  it('records a create from provisioning to ready with its build and commit, then the destroy', async () => {
    const { service, sha } = await committed('dev-a');
    await pipeline(service, {
      name: 'dev-a',
      action: 'apply',
      gitRef: sha,
      revertOnNoBuild: true,
    }).run;
    await pipeline(service, { name: 'dev-a', action: 'destroy' }).run;
    expect(recorder.runs).toEqual([
      {
        id: 1,
        environment: 'dev-a',
        operation: 'create',
        requestedBy: 'user:default/minsu.park',
        state: 'provisioning',
        gitCommit: sha,
        build: {
          number: 1,
          url: expect.stringContaining('/job/platform/job/environment/1/'),
        },
        end: {
          result: 'SUCCESS',
          state: 'ready',
          by: 'user:default/minsu.park',
        },
      },
      expect.objectContaining({
        operation: 'destroy',
        state: 'destroying',
        build: expect.objectContaining({ number: 2 }),
        end: {
          result: 'SUCCESS',
          state: 'destroyed',
          by: 'user:default/minsu.park',
        },
      }),
    ]);
  });

  it('records a failed build as failed', async () => {
    const { service, sha } = await committed('fail-c');
    await expect(
      pipeline(service, {
        name: 'fail-c',
        action: 'apply',
        gitRef: sha,
        revertOnNoBuild: true,
      }).run,
    ).rejects.toThrow(/ended FAILURE/);
    expect(recorder.runs.map(r => r.end)).toEqual([
      { result: 'FAILURE', state: 'failed', by: 'user:default/minsu.park' },
    ]);
  });

  it('starts no second build while a run of the environment goes', async () => {
    const { service, sha } = await committed('dev-a');
    const first = pipeline(service, {
      name: 'dev-a',
      action: 'apply',
      gitRef: sha,
      revertOnNoBuild: true,
    });
    const second = pipeline(service, { name: 'dev-a', action: 'destroy' });
    // Either may come first; the other is refused before its trigger.
    const { reason } = await oneWinsOneRefused([first.run, second.run]);
    expect(reason).toBeInstanceOf(ConflictError);
    const { builds } = await remote.jenkins.builds();
    expect(builds).toHaveLength(1);
    expect(recorder.runs).toHaveLength(1);
    expect(recorder.runs[0].operation).toBe(
      builds[0].parameters.ACTION === 'apply' ? 'create' : 'destroy',
    );
  });
});
