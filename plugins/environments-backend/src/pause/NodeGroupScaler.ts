import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  JenkinsClient,
  TFVARS_FILE,
  environmentDir,
  type EnvironmentService,
} from '@internal/plugin-environments-node';

const TFVARS = (name: string) => `${environmentDir(name)}/${TFVARS_FILE}`;

/** Scales an environment's node groups through the IaC repository and Jenkins. */
export interface NodeGroupScaler {
  /**
   * Commits `node_group_scale` (0 paused, 1 as asked) to the environment's
   * Terraform variables, runs the pipeline's apply and returns Jenkins' result.
   */
  scale(
    name: string,
    scale: 0 | 1,
    onBuild: (build: { number: number; url: string }) => Promise<void>,
  ): Promise<{ result: string; gitCommit: string }>;
}

/** The production scaler: a Terraform variable commit and the environment job. */
export class PipelineNodeGroupScaler implements NodeGroupScaler {
  constructor(
    private readonly service: Pick<EnvironmentService, 'repo' | 'jenkins'>,
    private readonly logger: LoggerService,
  ) {}

  async scale(
    name: string,
    scale: 0 | 1,
    onBuild: (build: { number: number; url: string }) => Promise<void>,
  ) {
    const { repo, jenkins } = this.service;
    await jenkins.checkJob();
    const commit = await repo.commit(async tree => {
      const text = await tree.read(TFVARS(name));
      if (!text) throw new Error(`${TFVARS(name)} is missing`);
      const vars = JSON.parse(text) as Record<string, unknown>;
      vars.node_group_scale = scale;
      await tree.write(TFVARS(name), `${JSON.stringify(vars, null, 2)}\n`);
    }, `${name}: node groups ${scale === 0 ? 'to zero (pause)' : 'back (resume)'}`);
    const queueUrl = await jenkins.trigger(
      { ENV_NAME: name, ACTION: 'apply', GIT_REF: repo.branch },
      {
        requestId: JenkinsClient.requestId(
          'pause',
          String(scale),
          name,
          commit.sha,
        ),
      },
    );
    const build = await jenkins.waitForBuild(queueUrl);
    await onBuild(build);
    const { result } = await jenkins.followBuild(build, {
      onText: () => {},
      onHeartbeat: s => this.logger.info(`${name}: still scaling (${s} s)`),
    });
    return { result, gitCommit: commit.sha };
  }
}
