import {
  EXAMPLE_FOLDERS,
  EXAMPLE_JOBS,
  exampleLogLines,
  type ExampleBuild,
} from './exampleJobs.ts';
import { buildLogLines } from './buildLog.ts';
import type { DuplicateStatus } from './queue.ts';

/*
 * What the Jenkins stand-in holds between requests: the queue, the builds
 * (the example history and what clients triggered) and the test controls.
 */

export const JENKINS_USER = 'portal';
export const JENKINS_API_TOKEN = '11sandboxjenkinsapitoken0000000000';
export const JENKINS_PASSWORD = 'sandbox-password';
/** Jobs that exist; anything else is 404 as in Jenkins. */
export const JENKINS_JOBS = [
  'platform/environment',
  'environment',
  ...EXAMPLE_JOBS.map(j => j.fullName),
];
/** Folders (cloudbees-folder) holding jobs. */
export const JENKINS_FOLDERS = ['platform', ...EXAMPLE_FOLDERS];

export type Result = 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED';

export interface QueueItem {
  id: number;
  job: string;
  parameters: Record<string, string>;
  inQueueSince: number;
  readyAt: number;
  cancelled: boolean;
  build?: Build;
}

export interface Build {
  job: string;
  number: number;
  parameters: Record<string, string>;
  result: Result;
  timestamp: number;
  lines: string[];
  shown: number;
  done: boolean;
  queueId: number;
  /** When the log ended (finished builds). */
  finishedAt?: number;
  /** Part of the example history, not triggered by a client. */
  example?: ExampleBuild;
}

export interface JenkinsStandInOptions {
  lineDelayMs?: number;
  quietPeriodMs?: number;
  /** The stand-in's clock (ms since the epoch); tests set it. */
  now?: () => number;
  /** Jenkins' configured root URL, when it differs from the URL it listens on. */
  rootUrl?: string;
  /** The status of the answer to a duplicate trigger: 200 (default) or 303. */
  duplicateStatus?: DuplicateStatus;
}

export class JenkinsState {
  queue = new Map<number, QueueItem>();
  builds: Build[] = [];
  nextQueueId = 1;
  nextNumber = new Map<string, number>();
  sessions = new Map<string, string>();
  nextResult: Result | undefined;
  cancelNextQueueItem = false;
  lineDelayMs: number;
  quietPeriodMs: number;
  duplicateStatus: DuplicateStatus;
  /** The next trigger is queued, then its connection drops unanswered. */
  dropNextTriggerResponse = false;
  readonly rootUrl?: string;
  timers = new Set<NodeJS.Timeout>();
  /** Simulated outage: every connection is dropped. */
  down = false;
  private readonly defaults: Required<
    Omit<JenkinsStandInOptions, 'rootUrl' | 'now'>
  >;

  readonly now: () => number;

  constructor(options: JenkinsStandInOptions = {}) {
    this.now = options.now ?? Date.now;
    this.defaults = {
      lineDelayMs: options.lineDelayMs ?? 40,
      quietPeriodMs: options.quietPeriodMs ?? 1000,
      duplicateStatus: options.duplicateStatus ?? 200,
    };
    this.rootUrl = options.rootUrl?.replace(/\/+$/, '');
    this.lineDelayMs = this.defaults.lineDelayMs;
    this.quietPeriodMs = this.defaults.quietPeriodMs;
    this.duplicateStatus = this.defaults.duplicateStatus;
    this.seedExamples();
  }

  /** The example jobs' history, timed relative to now. */
  seedExamples() {
    const now = this.now();
    for (const job of EXAMPLE_JOBS) {
      for (const b of job.builds) {
        const lines = exampleLogLines(job, b);
        const timestamp = now - b.minutesAgo * 60_000;
        this.builds.push({
          job: job.fullName,
          number: b.number,
          parameters: {
            IMAGE_TAG: b.imageTag,
            DEPLOY_ENVIRONMENTS: job.deployEnvironments,
          },
          result: b.result ?? 'SUCCESS',
          timestamp,
          lines,
          shown: lines.length,
          done: b.result !== null,
          finishedAt:
            b.result === null
              ? undefined
              : timestamp + b.durationSeconds * 1000,
          queueId: 0,
          example: b,
        });
      }
      const last = job.builds[job.builds.length - 1];
      this.nextNumber.set(job.fullName, last.number + 1);
    }
  }

  reset() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue.clear();
    this.builds = [];
    this.nextQueueId = 1;
    this.nextNumber.clear();
    this.nextResult = undefined;
    this.cancelNextQueueItem = false;
    this.lineDelayMs = this.defaults.lineDelayMs;
    this.quietPeriodMs = this.defaults.quietPeriodMs;
    this.duplicateStatus = this.defaults.duplicateStatus;
    this.dropNextTriggerResponse = false;
    this.down = false;
    this.seedExamples();
  }

  later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}

function resultFor(state: JenkinsState, env: string): Result {
  if (state.nextResult) {
    const r = state.nextResult;
    state.nextResult = undefined;
    return r;
  }
  if (env.startsWith('fail-')) return 'FAILURE';
  if (env.startsWith('abort-')) return 'ABORTED';
  if (env.startsWith('unstable-')) return 'UNSTABLE';
  return 'SUCCESS';
}

/** Starts the build of a queue item that has waited out its quiet period. */
export function startBuild(state: JenkinsState, item: QueueItem) {
  if (item.cancelled || item.build) return;
  const number = state.nextNumber.get(item.job) ?? 1;
  state.nextNumber.set(item.job, number + 1);
  const result = resultFor(state, item.parameters.ENV_NAME ?? '');
  const exampleJob = EXAMPLE_JOBS.find(j => j.fullName === item.job);
  const build: Build = {
    job: item.job,
    number,
    parameters: item.parameters,
    result,
    timestamp: state.now(),
    lines: exampleJob
      ? exampleLogLines(exampleJob, {
          number,
          result,
          minutesAgo: 0,
          durationSeconds: 0,
          imageTag: item.parameters.IMAGE_TAG ?? '',
          commit: exampleJob.builds[exampleJob.builds.length - 1].commit,
          cause: { userId: JENKINS_USER, userName: JENKINS_USER },
        })
      : buildLogLines({
          jobName: item.job,
          number,
          parameters: item.parameters,
          result,
        }),
    shown: 0,
    done: false,
    queueId: item.id,
  };
  item.build = build;
  state.builds.push(build);
  const tick = () => {
    build.shown += 1;
    if (build.shown >= build.lines.length) {
      build.done = true;
      build.finishedAt = state.now();
      return;
    }
    state.later(state.lineDelayMs, tick);
  };
  state.later(state.lineDelayMs, tick);
}

/** The log written so far, as Jenkins serves it. */
export const logText = (build: Build) =>
  Buffer.from(
    build.lines
      .slice(0, build.shown)
      .map(l => `${l}\n`)
      .join(''),
    'utf8',
  );
