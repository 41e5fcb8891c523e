import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError, ConflictError } from '@backstage/errors';
import type { AlertsService } from '@internal/plugin-alerts-node';
import {
  ENVIRONMENT_ANNOTATIONS as ANNOTATIONS,
  EnvironmentStatus,
} from '@internal/plugin-environments-common';
import {
  BuildMayHaveStartedError,
  EnvironmentService,
  JenkinsBuildRef,
  JenkinsClient,
  environmentDir,
  environmentEntityRef,
  gitRefProblems,
  type EnvironmentRunRecorder,
} from '@internal/plugin-environments-node';
import { runRecording } from './runRecording';
import { examples } from './pipeline.examples';

const LOG_TAIL_LINES = 25;

/**
 * `platform:environment:pipeline`: runs the environment Jenkins job
 * (apply or destroy), streams its log, and ends with its result.
 */
export function createEnvironmentPipelineAction(
  service: EnvironmentService,
  alerts?: Pick<AlertsService, 'raise'>,
  recorder?: EnvironmentRunRecorder,
) {
  return createTemplateAction({
    id: 'platform:environment:pipeline',
    description:
      'Triggers the environment Jenkins job, follows the queue item to the build, streams the console log and fails when the build fails.',
    examples,
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

      // The owners hear how the task ended; raise() never throws.
      const raiseTask = (status: 'completed' | 'failed', logTail?: string) =>
        alerts?.raise({
          type: 'environment.task',
          action: action === 'apply' ? 'create' : 'delete',
          environment: name,
          status,
          taskId: ctx.task.id,
          entityRef: environmentEntityRef(name),
          ...(logTail !== undefined ? { logTail } : {}),
        });

      // One build per step, even when the task is retried or the answer to
      // the trigger is lost: Jenkins is asked for the build with this id.
      const requestId = JenkinsClient.requestId(ctx.task.id, action, name);
      const recording = runRecording(recorder, ctx, {
        name,
        action,
        create: !!ctx.input.revertOnNoBuild,
        gitRef,
      });
      try {
        // The environment's history: refused while another run of it goes.
        await recording.start();
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
        await recording.build(build);

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
          await recording.finish(
            result,
            action === 'apply' ? 'ready' : 'destroyed',
          );
          await raiseTask('completed');
          return;
        }
        await service.setStatus(name, 'failed', {
          [ANNOTATIONS.lastRunUrl]: runUrl,
        });
        await recording.finish(result, 'failed');
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
        await recording.finish('NOT_BUILT', 'failed');
        // The owners hear about every way the pipeline can end; raise() never
        // throws, so a failing alert channel cannot change the task's result.
        await raiseTask(
          'failed',
          String((error as Error).message ?? error).slice(-2000),
        );
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
    },
  });
}
