import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import {
  createEnvironmentPipelineAction,
  createPublishEnvironmentAction,
  createRenderEnvironmentAction,
} from '.';
import {
  GOOD_REQUEST,
  actionContext,
  createService,
  gitFiles,
  gitLog,
  platformConfig,
  useIacRemote,
} from '@internal/plugin-environments-node/testUtils';
import { IacRepository } from '@internal/plugin-environments-node';

jest.setTimeout(60_000);

/** The files each commit of the branch touched, oldest first. */
function commits(bare: string) {
  const out = execFileSync(
    'git',
    [
      '--git-dir',
      bare,
      'log',
      '--reverse',
      '--format=@%s',
      '--name-only',
      'main',
    ],
    { encoding: 'utf8' },
  );
  return out
    .split('@')
    .filter(Boolean)
    .map(block => {
      const [subject, ...files] = block.trim().split('\n').filter(Boolean);
      return { subject, files };
    });
}

describe('many people creating environments at the same moment', () => {
  const remote = useIacRemote({ jenkins: { quietPeriodMs: 20 } });
  /**
   * A second backend replica: its own copy of the module, so its commits
   * race this one's through the remote instead of waiting in turn.
   */
  let Replica: typeof IacRepository;
  jest.isolateModules(() => {
    Replica = require('@internal/plugin-environments-node').IacRepository;
  });

  /** One person's create task: render, publish, pipeline, each on its own service. */
  async function create(name: string, taskId: string, replica: number) {
    const config = platformConfig(remote.bare, remote.jenkins.url);
    const repo = replica
      ? new Replica(config.iac)
      : new IacRepository(config.iac);
    const { service } = createService(config, undefined, { repo });
    const render = actionContext({ ...GOOD_REQUEST, name });
    render.ctx.task.id = taskId;
    await createRenderEnvironmentAction(service).handler(render.ctx);
    const publish = actionContext(
      { name },
      { workspacePath: render.ctx.workspacePath },
    );
    await createPublishEnvironmentAction(service).handler(publish.ctx);
    const pipeline = actionContext({
      name,
      action: 'apply',
      gitRef: publish.outputs.commitSha,
      revertOnNoBuild: true,
    });
    pipeline.ctx.task.id = taskId;
    await createEnvironmentPipelineAction(service).handler(pipeline.ctx);
    return pipeline.outputs;
  }

  it('gives 8 distinct names and one name asked twice 9 environments, 9 builds and one clear refusal', async () => {
    const names = [
      'team-a',
      'team-b',
      'team-c',
      'team-d',
      'team-e',
      'team-f',
      'team-g',
      'team-h',
      'twice',
      'twice',
    ];
    const results = await Promise.allSettled(
      names.map((name, i) => create(name, `task-${i}`, i % 2)),
    );

    const refused = results.filter(r => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason;
    expect(reason.name).toMatch(/ConflictError|InputError/);
    expect(reason.message).toMatch(/named twice already exists/);
    expect(
      results
        .filter(r => r.status === 'fulfilled')
        .map(r => (r as PromiseFulfilledResult<any>).value.result),
    ).toEqual(Array(9).fill('SUCCESS'));

    const distinct = [...new Set(names)].sort();
    const { builds } = await remote.jenkins.builds();
    expect(builds.map(b => b.parameters.ENV_NAME).sort()).toEqual(distinct);
    expect(builds.every(b => b.result === 'SUCCESS')).toBe(true);

    // Every environment is complete and ready on the branch.
    expect(gitFiles(remote.bare)).toHaveLength(27);
    for (const name of distinct) {
      const text = execFileSync(
        'git',
        [
          '--git-dir',
          remote.bare,
          'show',
          `main:environments/${name}/catalog-info.yaml`,
        ],
        { encoding: 'utf8' },
      );
      expect(parse(text).metadata.annotations['platform.acme.io/status']).toBe(
        'ready',
      );
    }

    // No half commits: one create commit with all three files per environment,
    // one status commit touching only its catalog-info.yaml, nothing else.
    const history = commits(remote.bare);
    expect(history).toHaveLength(18);
    for (const name of distinct) {
      const dir = `environments/${name}`;
      expect(
        history.filter(c => c.subject === `Create environment ${name}`),
      ).toEqual([
        {
          subject: `Create environment ${name}`,
          files: [
            `${dir}/ansible-vars.yaml`,
            `${dir}/catalog-info.yaml`,
            `${dir}/terraform.tfvars.json`,
          ],
        },
      ]);
      expect(history.filter(c => c.subject === `${name}: ready`)).toEqual([
        { subject: `${name}: ready`, files: [`${dir}/catalog-info.yaml`] },
      ]);
    }
    expect(gitLog(remote.bare).filter(s => /Revert|failed/.test(s))).toEqual(
      [],
    );
  });
});
