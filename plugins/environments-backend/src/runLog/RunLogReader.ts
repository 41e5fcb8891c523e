import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { EnvironmentRunLog } from '@internal/plugin-environments-common';
import type { JenkinsClient } from '@internal/plugin-environments-node';
import type { EnvironmentReader } from '../service/EnvironmentReader';

/** The most log text one answer carries; a longer log is cut to its end. */
const MAX_LOG_CHARS = 256 * 1024;

/**
 * A pipeline run's Jenkins console log, for whoever may read its
 * environment: the run must be one of that environment's, and its build
 * number (recorded by the portal, never taken from the request) names the
 * build on the configured Jenkins job.
 */
export class RunLogReader {
  constructor(
    private readonly options: {
      reader: Pick<EnvironmentReader, 'read'>;
      jenkins: Pick<JenkinsClient, 'readLog'>;
      maxChars?: number;
    },
  ) {}

  async read(
    nameOrRef: string,
    runId: number,
    start: number,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentRunLog> {
    // environment.read on the environment, and that it exists.
    const history = await this.options.reader.read(nameOrRef, credentials);
    const run = history.runs.find(r => r.id === runId);
    if (!run) {
      throw new NotFoundError(
        `Environment ${history.name} has no pipeline run ${runId}`,
      );
    }
    if (!run.build) {
      // Nothing to read yet (queued) or ever (an extension starts no build).
      return { text: '', next: 0, more: run.result === undefined };
    }
    let piece;
    try {
      piece = await this.options.jenkins.readLog(run.build, start);
    } catch (error) {
      if ((error as Error).name !== 'NotFoundError') throw error;
      throw new NotFoundError(
        `Jenkins no longer has build #${run.build.number} of run ${runId}, or its log`,
      );
    }
    const max = this.options.maxChars ?? MAX_LOG_CHARS;
    if (piece.text.length <= max) return piece;
    return { ...piece, text: piece.text.slice(-max), truncated: true };
  }
}
