import type { JsonValue } from '@backstage/types';
import type { EnvironmentState } from '@internal/plugin-environments-common';
import type {
  EnvironmentRunRecorder,
  JenkinsBuildRef,
} from '@internal/plugin-environments-node';

/** The operations a pipeline run does (an extension is no pipeline run). */
type PipelineOperation = 'create' | 'update' | 'destroy';

interface StepContext {
  checkpoint<T extends JsonValue>(options: {
    key: string;
    fn: () => Promise<T>;
  }): Promise<T>;
  logger: { warn(message: string): void };
  user?: { ref?: string };
}

/**
 * The pipeline step's record in the environment's history (environments
 * plugin): the run opens before the trigger (create → provisioning, update
 * → updating, destroy → destroying), gets its build, and closes once with
 * the result. Opening is a checkpoint, so a retried task keeps its run; a
 * refusal to open (another run going) fails the step before anything is
 * triggered. Once Jenkins has the build, a failing record is only logged:
 * the build's outcome matters more than its history line.
 */
export function runRecording(
  recorder: EnvironmentRunRecorder | undefined,
  ctx: StepContext,
  step: {
    name: string;
    action: 'apply' | 'destroy';
    create: boolean;
    gitRef: string;
  },
) {
  const by = ctx.user?.ref ?? 'unknown user';
  let id: number | undefined;
  let finished = false;
  let operation: PipelineOperation = step.create ? 'create' : 'update';
  if (step.action === 'destroy') operation = 'destroy';
  const running: Record<PipelineOperation, EnvironmentState> = {
    create: 'provisioning',
    update: 'updating',
    destroy: 'destroying',
  };
  const quietly = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      ctx.logger.warn(
        `Could not record ${what} in the history of ${step.name}: ${error}`,
      );
    }
  };

  return {
    async start() {
      if (!recorder) return;
      ({ id } = await ctx.checkpoint({
        key: `environment-run-${step.action}-${step.name}`,
        fn: () =>
          recorder.start(step.name, {
            operation,
            requestedBy: by,
            state: running[operation],
            ...(/^[0-9a-f]{7,40}$/.test(step.gitRef)
              ? { gitCommit: step.gitRef }
              : {}),
          }),
      }));
    },
    async build(build: JenkinsBuildRef) {
      if (!recorder || id === undefined) return;
      const runId = id;
      await quietly('the build', () => recorder.setBuild(runId, build));
    },
    async finish(result: string, state: EnvironmentState) {
      if (!recorder || id === undefined || finished) return;
      finished = true;
      const runId = id;
      await quietly('the result', () =>
        recorder.finish(runId, { result, state, by }),
      );
    },
  };
}
