import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError, ConflictError, NotAllowedError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentService } from '../environment/EnvironmentService';
import {
  environmentDir,
  environmentEntityRef,
} from '../environment/renderEnvironment';
import { ANNOTATIONS, EnvironmentStatus } from '../environment/options';
import { gitRefProblems } from '../environment/EnvironmentRequest';
import {
  BuildMayHaveStartedError,
  JenkinsBuildRef,
  JenkinsClient,
} from '../jenkins/JenkinsClient';
import type { AlertsService } from '@internal/plugin-alerts-node';

const LOG_TAIL_LINES = 25;

/**
 * `platform:environment:render`: checks the request (name, uniqueness,
 * who may ask for what) and writes the environment's files into the
 * workspace. Dry-run renders only.
 */
export function createRenderEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:render',
    description:
      'Validates an environment request and renders its Terraform variables, Ansible variables and catalog-info.yaml into the workspace.',
    supportsDryRun: true,
    schema: {
      // Loose on purpose: the checks below refuse bad values with a message
      // people understand, instead of a JSON-schema error.
      input: {
        name: z =>
          z
            .unknown()
            .describe('Environment name (DNS label, at most 20 characters)'),
        purpose: z => z.unknown().describe('dev, test, staging or prod'),
        owner: z => z.unknown().describe('Owner group entity ref'),
        region: z => z.unknown(),
        kubernetesVersion: z => z.unknown(),
        instanceType: z => z.unknown(),
        minNodes: z => z.unknown(),
        desiredNodes: z => z.unknown(),
        maxNodes: z => z.unknown(),
        addOns: z => z.unknown().optional(),
        ttlDays: z => z.unknown().optional(),
      },
      output: {
        name: z => z.string(),
        entityRef: z => z.string(),
        files: z => z.array(z.string()),
        expiresAt: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const request = await service.validateCreate(
        ctx.input as Record<string, unknown>,
        await ctx.getInitiatorCredentials(),
      );
      if (!ctx.isDryRun) {
        // Before anything is committed: is Jenkins there and does it take our credentials?
        await service.jenkins.checkJob();
      }
      const files = service.render(request);
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(ctx.workspacePath, file);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content, 'utf8');
        ctx.logger.info(`Rendered ${file}`);
      }
      ctx.output('name', request.name);
      ctx.output('entityRef', environmentEntityRef(request.name));
      ctx.output('files', Object.keys(files));
      if (request.expiresAt) ctx.output('expiresAt', request.expiresAt);
    },
  });
}

/** `platform:environment:publish`: commits the rendered files to the IaC repository. */
export function createPublishEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:publish',
    description:
      "Commits and pushes an environment's rendered files to the IaC repository.",
    supportsDryRun: true,
    schema: {
      input: { name: z => z.string() },
      output: { commitSha: z => z.string() },
    },
    async handler(ctx) {
      const name = service.nameOf(ctx.input.name);
      const dir = environmentDir(name);
      const files: Record<string, string> = {};
      for (const f of await fs.readdir(path.join(ctx.workspacePath, dir))) {
        files[`${dir}/${f}`] = await fs.readFile(
          path.join(ctx.workspacePath, dir, f),
          'utf8',
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit ${Object.keys(files).join(', ')} to ${
            service.repo.branch
          }`,
        );
        ctx.output('commitSha', 'dry-run');
        return;
      }
      const user = ctx.user?.ref ?? 'unknown user';
      const { sha } = await ctx.checkpoint({
        key: `commit-${name}`,
        // A name taken since render (another request at the same moment) is
        // refused on the branch the commit lands on.
        fn: async () =>
          service.commitFiles(
            name,
            files,
            `Create environment ${name}\n\nRequested by ${user} from the portal.`,
            { create: true },
          ),
      });
      ctx.logger.info(`Committed ${dir} to ${service.repo.branch} as ${sha}`);
      ctx.output('commitSha', sha);
    },
  });
}

/**
 * `platform:environment:pipeline`: runs the environment Jenkins job
 * (apply or destroy), streams its log, and ends with its result.
 */
export function createEnvironmentPipelineAction(
  service: EnvironmentService,
  alerts?: Pick<AlertsService, 'raise'>,
) {
  return createTemplateAction({
    id: 'platform:environment:pipeline',
    description:
      'Triggers the environment Jenkins job, follows the queue item to the build, streams the console log and fails when the build fails.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string(),
        action: z => z.enum(['apply', 'destroy']),
        gitRef: z => z.string().optional(),
        revertOnNoBuild: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Remove the committed files again when no build ran (create path)',
            ),
      },
      output: {
        buildUrl: z => z.string(),
        buildNumber: z => z.number(),
        result: z => z.string(),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const { name } = await service.authorizeChange(
        ctx.input.name,
        credentials,
      );
      const action = ctx.input.action;
      const gitRef = ctx.input.gitRef || service.repo.branch;
      const refProblems = gitRefProblems(gitRef, service.repo.branch);
      if (refProblems.length) throw new InputError(refProblems.join('; '));
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would run Jenkins ${service.jenkins.jobUrl} with ENV_NAME=${name} ACTION=${action}`,
        );
        ctx.output('buildUrl', '');
        ctx.output('buildNumber', 0);
        ctx.output('result', 'DRY_RUN');
        return;
      }

      let lastLog = Date.now();
      const log = (message: string) => {
        lastLog = Date.now();
        ctx.logger.info(message);
      };
      // Keeps the event stream alive and tells people we are still here.
      const started = Date.now();
      const heartbeatMs = Math.min(25_000, service.jenkinsHeartbeatMs);
      const heartbeat = setInterval(() => {
        if (Date.now() - lastLog >= heartbeatMs) {
          log(
            `… still running (${Math.round((Date.now() - started) / 1000)} s)`,
          );
        }
      }, Math.max(250, Math.floor(heartbeatMs / 4)));

      const revert = async (why: string) => {
        if (!ctx.input.revertOnNoBuild || action !== 'apply') return;
        const entity = await service.readFromRepo(name);
        if (
          entity?.metadata.annotations?.[ANNOTATIONS.status] !== 'provisioning'
        )
          return;
        await service.removeFiles(name, `Revert environment ${name}: ${why}`);
        log(
          `Removed ${environmentDir(
            name,
          )} from the IaC repository again, since no build ran`,
        );
      };

      // One build per step, even when the task is retried or the answer to
      // the trigger is lost: Jenkins is asked for the build with this id.
      const requestId = JenkinsClient.requestId(ctx.task.id, action, name);
      try {
        // One trigger per step, even when the task is retried.
        const { queueUrl } = await ctx
          .checkpoint<{ queueUrl: string }>({
            key: `jenkins-trigger-${action}-${name}`,
            fn: async () => {
              if (action === 'destroy') {
                await service.jenkins.checkJob();
                const before = (await service.readFromRepo(name))?.metadata
                  .annotations?.[ANNOTATIONS.status];
                await service.setStatus(name, 'destroying');
                try {
                  return {
                    queueUrl: await service.jenkins.trigger(
                      { ENV_NAME: name, ACTION: action, GIT_REF: gitRef },
                      { requestId },
                    ),
                  };
                } catch (error) {
                  if (before && !(error instanceof BuildMayHaveStartedError))
                    await service.setStatus(name, before as EnvironmentStatus);
                  throw error;
                }
              }
              return {
                queueUrl: await service.jenkins.trigger(
                  { ENV_NAME: name, ACTION: action, GIT_REF: gitRef },
                  { requestId },
                ),
              };
            },
          })
          .catch(async error => {
            // A build that may be running needs its files.
            if (!(error instanceof BuildMayHaveStartedError)) {
              await revert('Jenkins did not accept the build');
            }
            throw error;
          });
        log(`Jenkins queued the ${action} of ${name}: ${queueUrl}`);

        const build = await ctx
          .checkpoint<JenkinsBuildRef>({
            key: `jenkins-build-${queueUrl}`,
            fn: () =>
              service.jenkins.waitForBuild(queueUrl, {
                signal: ctx.signal,
                onWaiting: why => log(`Waiting in the Jenkins queue: ${why}`),
              }),
          })
          .catch(async error => {
            if (error instanceof ConflictError)
              await revert('the Jenkins queue item was cancelled');
            throw error;
          });
        log(`Build #${build.number} started: ${build.url}console`);

        let pending = '';
        const { result, log: text } = await service.jenkins.followBuild(build, {
          signal: ctx.signal,
          onText: chunk => {
            pending += chunk;
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const line of lines) log(line);
          },
          onHeartbeat: elapsed =>
            log(`… build #${build.number} still running (${elapsed} s)`),
        });
        if (pending) log(pending);

        ctx.output('buildUrl', build.url);
        ctx.output('buildNumber', build.number);
        ctx.output('result', result);
        const runUrl = `${build.url}console`;
        if (EnvironmentService.isSuccess(result)) {
          if (action === 'apply') {
            await service.setStatus(name, 'ready', {
              [ANNOTATIONS.lastRunUrl]: runUrl,
              ...EnvironmentService.clusterFromLog(text),
            });
          }
          log(`Jenkins build #${build.number} finished: ${result}`);
          await alerts?.raise({
            type: 'environment.task',
            action: action === 'apply' ? 'create' : 'delete',
            environment: name,
            status: 'completed',
            taskId: ctx.task.id,
            entityRef: environmentEntityRef(name),
          });
          return;
        }
        await service.setStatus(name, 'failed', {
          [ANNOTATIONS.lastRunUrl]: runUrl,
        });
        const tail = text
          .trimEnd()
          .split('\n')
          .slice(-LOG_TAIL_LINES)
          .join('\n');
        throw new Error(
          `Jenkins build #${
            build.number
          } of ${name} (${action}) ended ${result}. ${
            action === 'apply'
              ? 'Resources it created may exist: delete the environment to clean up.'
              : 'The environment is kept; fix the cause and delete it again.'
          } See ${runUrl}. Last lines:\n${tail}`,
        );
      } catch (error) {
        // The owners hear about every way the pipeline can end; raise() never
        // throws, so a failing alert channel cannot change the task's result.
        await alerts?.raise({
          type: 'environment.task',
          action: action === 'apply' ? 'create' : 'delete',
          environment: name,
          status: 'failed',
          taskId: ctx.task.id,
          entityRef: environmentEntityRef(name),
          logTail: String((error as Error).message ?? error).slice(-2000),
        });
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
    },
  });
}

/** `platform:environment:register`: waits until the catalog shows the environment. */
export function createRegisterEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:register',
    description:
      'Has the catalog read the IaC repository now and waits until the environment entity is there.',
    supportsDryRun: true,
    schema: {
      input: { name: z => z.string() },
      output: { entityRef: z => z.string() },
    },
    async handler(ctx) {
      const name = service.nameOf(ctx.input.name);
      ctx.output('entityRef', environmentEntityRef(name));
      if (ctx.isDryRun) return;
      await service.waitForCatalog(name, true, ctx.logger);
      ctx.logger.info(`${environmentEntityRef(name)} is in the catalog`);
    },
  });
}

/** `platform:environment:authorize`: the delete path's first step. */
export function createAuthorizeEnvironmentChangeAction(
  service: EnvironmentService,
) {
  return createTemplateAction({
    id: 'platform:environment:authorize',
    description:
      'Checks that the environment exists, the confirmation matches its name, and the user owns it or is a platform admin.',
    supportsDryRun: true,
    schema: {
      input: {
        environment: z => z.string().describe('Entity ref or name'),
        confirmation: z => z.string().optional(),
      },
      output: { name: z => z.string() },
    },
    async handler(ctx) {
      const { name, entity } = await service.authorizeChange(
        ctx.input.environment,
        await ctx.getInitiatorCredentials(),
      );
      if (
        ctx.input.confirmation !== undefined &&
        ctx.input.confirmation !== name
      ) {
        throw new InputError(
          `Type the environment's name ${name} to confirm; got ${JSON.stringify(
            ctx.input.confirmation,
          )}`,
        );
      }
      if (entity.metadata.annotations?.[ANNOTATIONS.status] === 'destroying') {
        ctx.logger.warn(
          `${name} is already being destroyed; running the destroy again`,
        );
      }
      ctx.logger.info(
        `Allowed to delete ${name} (owner ${entity.spec?.owner})`,
      );
      ctx.output('name', name);
    },
  });
}

/** `platform:environment:remove`: removes the files and waits until the catalog drops the entity. */
export function createRemoveEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:remove',
    description:
      "Removes an environment's files from the IaC repository and waits until the catalog drops it.",
    supportsDryRun: true,
    schema: {
      input: { name: z => z.string() },
    },
    async handler(ctx) {
      const { name } = await service.authorizeChange(
        ctx.input.name,
        await ctx.getInitiatorCredentials(),
      );
      // The repository, not the catalog (which may lag), says what was destroyed.
      const committed = await service.readFromRepo(name);
      const status = committed?.metadata.annotations?.[ANNOTATIONS.status];
      if (committed && status !== 'destroying') {
        throw new NotAllowedError(
          `${name} has not been destroyed (status ${status}); refusing to forget it`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would remove ${environmentDir(name)}`);
        return;
      }
      await ctx.checkpoint({
        key: `remove-${name}`,
        fn: async () =>
          service.removeFiles(
            name,
            `Delete environment ${name}\n\nRequested by ${
              ctx.user?.ref ?? 'unknown user'
            } from the portal.`,
          ),
      });
      ctx.logger.info(
        `Removed ${environmentDir(name)} from the IaC repository`,
      );
      await service.waitForCatalog(name, false, ctx.logger);
      ctx.logger.info(`${environmentEntityRef(name)} is gone from the catalog`);
    },
  });
}
