import {
  AuthenticationError,
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { createHash } from 'node:crypto';
import { JenkinsConfig } from '../config';
import { carriesParameter, queueItemUrl, WithParameters } from './queueItems';

/** The job parameter that names one trigger, so a repeat finds its build. */
export const REQUEST_ID_PARAMETER = 'REQUEST_ID';

/**
 * The answer to a trigger was lost after it reached Jenkins: the build may
 * be queued. Nothing may be undone on the assumption that it is not.
 */
export class BuildMayHaveStartedError extends CustomErrorBase {
  name = 'BuildMayHaveStartedError' as const;
}

/** A request that never got an answer. */
class NoAnswerError extends Error {
  /** The connection was refused: the request never reached Jenkins. */
  readonly refused: boolean;
  constructor(message: string, refused: boolean) {
    super(message);
    this.refused = refused;
  }
}

/** A build Jenkins started for a queue item. */
export type JenkinsBuildRef = {
  number: number;
  url: string;
};

export type JenkinsResult =
  | 'SUCCESS'
  | 'FAILURE'
  | 'UNSTABLE'
  | 'ABORTED'
  | 'NOT_BUILT';

export interface FollowBuildOptions {
  /** Called with each new piece of console text. */
  onText(text: string): Promise<void> | void;
  /** Called when nothing was logged for `heartbeatSeconds`. */
  onHeartbeat(elapsedSeconds: number): Promise<void> | void;
  signal?: AbortSignal;
  /** Log offset to resume from (a retried step). */
  start?: number;
}

/** A piece of a console log and where the next one starts. */
export interface JenkinsLogPiece {
  text: string;
  /** The byte offset to ask from next. */
  next: number;
  /** The build is still running: more text may come. */
  more: boolean;
}

/** POSTs of one trigger whose answers may be lost before it gives up. */
const TRIGGER_ATTEMPTS = 3;
/** How many of the job's latest builds a lookup by request id reads. */
const LOOKUP_BUILDS = 50;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('Cancelled'));
      return;
    }
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new Error('Cancelled'));
      },
      { once: true },
    );
  });

/**
 * The part of Jenkins' remote API the portal uses: trigger a parameterised
 * job (`POST job/{name}/buildWithParameters`, 201 with the queue item in
 * `Location`), follow the queue item (`queue/item/{id}/api/json`) to the
 * build, stream the progressive log (`logText/progressiveText?start=`) and
 * read the result (`job/{name}/{n}/api/json`).
 */
export class JenkinsClient {
  private readonly config: JenkinsConfig;
  private readonly pollMs: number;

  constructor(config: JenkinsConfig, options: { pollMs?: number } = {}) {
    this.config = config;
    this.pollMs = options.pollMs ?? 1000;
  }

  /** `platform/environment` becomes `<base>/job/platform/job/environment` */
  get jobUrl() {
    return `${this.config.baseUrl}/${this.config.job
      .split('/')
      .map(n => `job/${encodeURIComponent(n)}`)
      .join('/')}`;
  }

  private authHeader() {
    const secret = this.config.apiToken ?? this.config.password ?? '';
    return `Basic ${Buffer.from(`${this.config.username}:${secret}`).toString(
      'base64',
    )}`;
  }

  /**
   * One request; Jenkins' redirects are answers to read (a trigger's 303
   * names the queue item), never to follow. `beforeTrigger` requests can say
   * that nothing was started when Jenkins cannot be reached.
   */
  private async request(
    url: string,
    init: RequestInit = {},
    options: { beforeTrigger?: boolean } = {},
  ): Promise<Response> {
    let response: Response;
    try {
      response = await this.send(url, init);
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      throw new ServiceUnavailableError(
        `${error.message}${
          options.beforeTrigger ? '; nothing was started' : ''
        }`,
      );
    }
    return this.check(url, response);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { authorization: this.authHeader(), ...(init.headers as any) },
      });
    } catch (error) {
      const c = (
        error as {
          cause?: {
            code?: string;
            message?: string;
            errors?: { code?: string }[];
          };
        }
      ).cause;
      const cause =
        c?.code ??
        c?.errors?.[0]?.code ??
        c?.message ??
        (error as Error).message;
      throw new NoAnswerError(
        `Jenkins at ${this.config.baseUrl} is unreachable (${cause})`,
        cause === 'ECONNREFUSED',
      );
    }
  }

  private async check(url: string, response: Response): Promise<Response> {
    if (response.status === 401) {
      throw new AuthenticationError(
        `Jenkins at ${this.config.baseUrl} refused the credentials of user '${this.config.username}' (401): check platform.jenkins.username and its API token`,
      );
    }
    if (response.status === 403) {
      const text = await response.text();
      throw new NotAllowedError(
        `Jenkins at ${this.config.baseUrl} answered 403 for ${
          new URL(url).pathname
        }: ${text
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 200)}`,
      );
    }
    if (response.status === 404) {
      throw new NotFoundError(`Jenkins has no ${new URL(url).pathname}`);
    }
    if (response.status >= 500) {
      throw new ServiceUnavailableError(
        `Jenkins answered ${response.status} for ${new URL(url).pathname}`,
      );
    }
    return response;
  }

  /** Checks that Jenkins answers and the job exists, before anything is committed. */
  async checkJob(): Promise<void> {
    try {
      await this.request(
        `${this.jobUrl}/api/json?tree=name,buildable`,
        {},
        { beforeTrigger: true },
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(
          `Jenkins job '${this.config.job}' does not exist at ${this.config.baseUrl}`,
        );
      }
      throw error;
    }
  }

  private async crumbHeaders(
    beforeTrigger = true,
  ): Promise<Record<string, string>> {
    if (this.config.apiToken) return {};
    // With a password Jenkins wants a crumb, tied to the session cookie.
    const response = await this.request(
      `${this.config.baseUrl}/crumbIssuer/api/json`,
      {},
      { beforeTrigger },
    );
    const body = (await response.json()) as {
      crumb: string;
      crumbRequestField: string;
    };
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    return { [body.crumbRequestField]: body.crumb, cookie };
  }

  /**
   * A request id for `trigger`: the same parts give the same id, so a
   * repeated step names the same build.
   */
  static requestId(...parts: string[]): string {
    return createHash('sha256')
      .update(parts.join('\n'))
      .digest('hex')
      .slice(0, 32);
  }

  /**
   * Queues a build; returns its queue item URL on our base URL.
   *
   * With a `requestId` (sent as the job's REQUEST_ID parameter) a repeat
   * never starts a second build: a build or waiting item with that id is
   * returned instead, and when the answer to the POST is lost the queue and
   * the job's builds say whether it arrived before the POST is sent again
   * (Jenkins also merges a POST with the same parameters into a waiting item).
   */
  async trigger(
    parameters: Record<string, string>,
    options: { requestId?: string } = {},
  ): Promise<string> {
    const { requestId } = options;
    if (requestId !== undefined && !/^[A-Za-z0-9_-]{8,64}$/.test(requestId)) {
      throw new InputError(
        `Jenkins request id ${JSON.stringify(
          requestId,
        )} must be 8 to 64 letters, digits, - or _`,
      );
    }
    const sent = requestId
      ? { ...parameters, [REQUEST_ID_PARAMETER]: requestId }
      : parameters;
    if (requestId) {
      const found = await this.findQueued(requestId);
      if (found) return found;
    }
    for (let attempt = 1; ; attempt++) {
      const headers = await this.crumbHeaders(attempt === 1);
      let response: Response;
      try {
        response = await this.send(`${this.jobUrl}/buildWithParameters`, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams(sent).toString(),
        });
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        // Refused at once: this POST never reached Jenkins (an earlier one may have).
        if (error.refused && attempt === 1)
          throw new ServiceUnavailableError(
            `${error.message}; nothing was started`,
          );
        const found = requestId
          ? await this.findQueued(requestId).catch(() => undefined)
          : undefined;
        if (found) return found;
        if (!requestId || attempt >= TRIGGER_ATTEMPTS) {
          throw new BuildMayHaveStartedError(
            `${
              error.message
            } after the build request was sent; Jenkins may have queued it${
              requestId ? `: look for ${REQUEST_ID_PARAMETER}=${requestId}` : ''
            }`,
          );
        }
        await sleep(this.pollMs * 2 ** attempt);
        continue;
      }
      await this.check(`${this.jobUrl}/buildWithParameters`, response);
      return this.queuedBy(response, requestId);
    }
  }

  /** The queue item a trigger's answer names: 201 new, 303 or 200 an existing one. */
  private async queuedBy(
    response: Response,
    requestId?: string,
  ): Promise<string> {
    const location = response.headers.get('location');
    const queued = [200, 201, 303].includes(response.status);
    const url = queued
      ? queueItemUrl(this.config.baseUrl, location)
      : undefined;
    if (url) return url;
    const found =
      queued && requestId ? await this.findQueued(requestId) : undefined;
    if (found) return found;
    const what = location
      ? `a Location that is not a queue item: ${JSON.stringify(
          location.slice(0, 200),
        )}`
      : 'no queue Location';
    const error = `Jenkins did not queue the build (status ${response.status}, ${what})`;
    // A 2xx or 303 means Jenkins took the request; only the answer is unusable.
    throw queued
      ? new BuildMayHaveStartedError(error)
      : new ServiceUnavailableError(error);
  }

  /** A waiting item or a recent build of our job that carries this request id. */
  private async findQueued(requestId: string): Promise<string | undefined> {
    const carries = (entry: WithParameters) =>
      carriesParameter(entry, REQUEST_ID_PARAMETER, requestId);
    const queue = await this.request(
      `${this.config.baseUrl}/queue/api/json?tree=items[id,task[url],actions[parameters[name,value]]]`,
    );
    const { items = [] } = (await queue.json()) as {
      items?: Array<WithParameters & { id: number }>;
    };
    const waiting = items.find(carries);
    if (waiting) return `${this.config.baseUrl}/queue/item/${waiting.id}/`;
    const job = await this.request(
      `${this.jobUrl}/api/json?tree=builds[number,queueId,actions[parameters[name,value]]]{0,${LOOKUP_BUILDS}}`,
    );
    const { builds = [] } = (await job.json()) as {
      builds?: Array<WithParameters & { queueId: number }>;
    };
    const build = builds.find(carries);
    return build
      ? `${this.config.baseUrl}/queue/item/${build.queueId}/`
      : undefined;
  }

  /** Follows a queue item until Jenkins names its build. */
  async waitForBuild(
    queueUrl: string,
    options: {
      signal?: AbortSignal;
      onWaiting?: (why: string) => void | Promise<void>;
    } = {},
  ): Promise<JenkinsBuildRef> {
    let lastWhy = '';
    const deadline = Date.now() + this.config.timeoutMinutes * 60_000;
    for (;;) {
      const response = await this.request(`${queueUrl}api/json`);
      const item = (await response.json()) as {
        why?: string | null;
        cancelled?: boolean;
        executable?: { number: number; url: string } | null;
      };
      if (item.cancelled) {
        throw new ConflictError(
          `The Jenkins queue item ${queueUrl} was cancelled before a build started`,
        );
      }
      if (item.executable) {
        return { number: item.executable.number, url: item.executable.url };
      }
      if (item.why && item.why !== lastWhy) {
        lastWhy = item.why;
        await options.onWaiting?.(item.why);
      }
      if (Date.now() > deadline) {
        throw new ServiceUnavailableError(
          `The Jenkins queue item ${queueUrl} did not start within ${this.config.timeoutMinutes} minutes`,
        );
      }
      await sleep(this.pollMs, options.signal);
    }
  }

  private buildUrl(build: Pick<JenkinsBuildRef, 'number'>) {
    // Use our own base URL: Jenkins' idea of its root URL may differ behind a proxy.
    return `${this.jobUrl}/${build.number}`;
  }

  /**
   * One piece of a build's console log from byte `start`
   * (`logText/progressiveText`): the text, the offset to ask from next
   * (`X-Text-Size`) and whether more will come (`X-More-Data`, only while the
   * build runs). A build Jenkins no longer keeps is a NotFoundError.
   */
  async readLog(
    build: Pick<JenkinsBuildRef, 'number'>,
    start = 0,
  ): Promise<JenkinsLogPiece> {
    const response = await this.request(
      `${this.buildUrl(build)}/logText/progressiveText?start=${start}`,
    );
    const text = await response.text();
    const size = Number(response.headers.get('x-text-size'));
    return {
      text,
      next: Number.isFinite(size) && size >= start ? size : start,
      more: response.headers.get('x-more-data') === 'true',
    };
  }

  /**
   * Streams the console log until the build ends; returns its result and the
   * full log text it saw.
   */
  async followBuild(
    build: JenkinsBuildRef,
    options: FollowBuildOptions,
  ): Promise<{ result: JenkinsResult; log: string; offset: number }> {
    let offset = options.start ?? 0;
    let log = '';
    let lastOutput = Date.now();
    const started = Date.now();
    const deadline = started + this.config.timeoutMinutes * 60_000;
    for (;;) {
      const piece = await this.readLog(build, offset);
      offset = piece.next;
      if (piece.text) {
        log += piece.text;
        lastOutput = Date.now();
        await options.onText(piece.text);
      }
      if (!piece.more) break;
      if (Date.now() - lastOutput >= this.config.heartbeatSeconds * 1000) {
        lastOutput = Date.now();
        await options.onHeartbeat(Math.round((Date.now() - started) / 1000));
      }
      if (Date.now() > deadline) {
        throw new ServiceUnavailableError(
          `Jenkins build ${this.buildUrl(build)} did not finish within ${
            this.config.timeoutMinutes
          } minutes`,
        );
      }
      await sleep(this.pollMs, options.signal);
    }
    // The log is complete; the result may take a moment longer to be set.
    for (let i = 0; ; i++) {
      const response = await this.request(`${this.buildUrl(build)}/api/json`);
      const body = (await response.json()) as {
        building: boolean;
        result: JenkinsResult | null;
      };
      if (!body.building && body.result) {
        return { result: body.result, log, offset };
      }
      if (i > 60) {
        throw new ServiceUnavailableError(
          `Jenkins build ${this.buildUrl(
            build,
          )} ended its log but reports no result`,
        );
      }
      await sleep(this.pollMs, options.signal);
    }
  }
}
