import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ANSIBLE_VARS_FILE,
  environmentDir,
  JenkinsClient,
  renderEnvironmentFiles,
  TFVARS_FILE,
  type EnvironmentRunRecorder,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import type { EnvironmentStore } from '../database/EnvironmentStore';

import { exampleRequest } from './exampleRequests';

/** Who the example runs are recorded as: the start command, not a person. */
const EXAMPLES_REQUESTER = 'examples';

/** `platform.environments.examples`: set in the local and browser-test configs only. */
export function readExampleEnvironments(config: Config): string[] {
  return config.getOptionalStringArray('platform.environments.examples') ?? [];
}

/**
 * Gives the example environments of a local portal (catalog/environments.yaml)
 * a real state and history: each one with nothing recorded yet gets a
 * `create` run through the same Jenkins pipeline and the same recorder as
 * the create template and the expiry task, so its state goes provisioning
 * -> ready (or failed) and the run has its Jenkins build. Environments with
 * any recorded run are left alone, so a restart adds nothing.
 */
export class ExampleEnvironments {
  private readonly names: string[];
  private readonly service: Pick<EnvironmentService, 'jenkins' | 'repo'>;
  private readonly store: Pick<EnvironmentStore, 'get'>;
  private readonly recorder: EnvironmentRunRecorder;
  private readonly logger: LoggerService;
  private readonly vpcName: string;

  constructor(options: {
    names: string[];
    service: Pick<EnvironmentService, 'jenkins' | 'repo'>;
    store: Pick<EnvironmentStore, 'get'>;
    recorder: EnvironmentRunRecorder;
    logger: LoggerService;
    /** The VPC the Terraform variables name (`platform.environments.vpcName`). */
    vpcName?: string;
  }) {
    this.vpcName = options.vpcName ?? 'platform-vpc';
    this.names = options.names;
    this.service = options.service;
    this.store = options.store;
    this.recorder = options.recorder;
    this.logger = options.logger;
  }

  /** Provisions every example without history, one after another; never throws. */
  async provisionAll(): Promise<void> {
    for (const name of this.names) {
      try {
        await this.provision(name);
      } catch (e) {
        this.logger.warn(
          `Example environment ${name} was not provisioned: ${e}`,
        );
      }
    }
  }

  /** Runs and records the create pipeline of one example, unless it has history. */
  async provision(name: string): Promise<'provisioned' | 'skipped'> {
    const recorded = await this.store.get(name);
    if (recorded.state !== undefined || recorded.runs.length > 0) {
      return 'skipped';
    }
    const { jenkins, repo } = this.service;
    const run = await this.recorder.start(name, {
      operation: 'create',
      requestedBy: EXAMPLES_REQUESTER,
      state: 'provisioning',
    });
    try {
      await jenkins.checkJob();
      await this.commitVariables(name);
      const queueUrl = await jenkins.trigger(
        { ENV_NAME: name, ACTION: 'apply', GIT_REF: repo.branch },
        {
          requestId: JenkinsClient.requestId(
            EXAMPLES_REQUESTER,
            'apply',
            name,
            String(run.id),
          ),
        },
      );
      const build = await jenkins.waitForBuild(queueUrl);
      await this.recorder.setBuild(run.id, build);
      this.logger.info(
        `Example environment ${name}: build #${build.number} ${build.url}`,
      );
      const { result } = await jenkins.followBuild(build, {
        onText: () => {},
        onHeartbeat: () => {},
      });
      await this.recorder.finish(run.id, {
        result,
        state: result === 'SUCCESS' ? 'ready' : 'failed',
        by: EXAMPLES_REQUESTER,
      });
    } catch (e) {
      // The run is closed either way, so the environment may have another.
      await this.recorder.finish(run.id, {
        result: 'FAILURE',
        state: 'failed',
        by: EXAMPLES_REQUESTER,
      });
      throw e;
    }
    return 'provisioned';
  }

  /**
   * Commits the example's Terraform and Ansible variables to the IaC
   * repository, as the create template does for a new environment, unless
   * they are there: the pipeline applies them and the environment page
   * shows its node group from them. Its catalog entity stays in
   * catalog/environments.yaml, so no catalog-info.yaml is written.
   */
  private async commitVariables(name: string) {
    const files = renderEnvironmentFiles(exampleRequest(name), {
      vpcName: this.vpcName,
      accountId: '123456789012',
    });
    const dir = environmentDir(name);
    await this.service.repo.commit(async tree => {
      if (await tree.read(`${dir}/${TFVARS_FILE}`)) return;
      for (const file of [TFVARS_FILE, ANSIBLE_VARS_FILE]) {
        await tree.write(`${dir}/${file}`, files[`${dir}/${file}`]);
      }
    }, `${name}: variables of the example environment`);
  }
}
