import {
  AuthenticationError,
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { JenkinsConfig } from '../config';

/** A build Jenkins started for a queue item. */
export type JenkinsBuildRef = {
  number: number;
  url: string;
};

export type JenkinsResult = 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED' | 'NOT_BUILT';

export interface FollowBuildOptions {
  /** Called with each new piece of console text. */
  onText(text: string): Promise<void> | void;
  /** Called when nothing was logged for `heartbeatSeconds`. */
  onHeartbeat(elapsedSeconds: number): Promise<void> | void;
  signal?: AbortSignal;
  /** Log offset to resume from (a retried step). */
  start?: number;
}

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
 * The part of Jenkins' remote API the portal uses (shared/FACTS.md): trigger
 * a parameterised job, follow its queue item to the build, stream the
 * progressive log and read the result.
 */
export class JenkinsClient {
  private readonly config: JenkinsConfig;
  private readonly pollMs: number;

  constructor(config: JenkinsConfig, options: { pollMs?: number } = {}) {
    this.config = config;
    this.pollMs = options.pollMs ?? 1000;
  }

  /** `platform/environment` -> `{base}/job/platform/job/environment` */
  get jobUrl() {
    return `${this.config.baseUrl}/${this.config.job
      .split('/')
      .map(n => `job/${encodeURIComponent(n)}`)
      .join('/')}`;
  }

  private authHeader() {
    const secret = this.config.apiToken ?? this.config.password ?? '';
    return `Basic ${Buffer.from(`${this.config.username}:${secret}`).toString('base64')}`;
  }

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { authorization: this.authHeader(), ...(init.headers as any) },
      });
    } catch (error) {
      const c = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
      const cause = c?.code ?? c?.errors?.[0]?.code ?? c?.message ?? (error as Error).message;
      throw new ServiceUnavailableError(
        `Jenkins at ${this.config.baseUrl} is unreachable (${cause}); nothing was started`,
      );
    }
    if (response.status === 401) {
      throw new AuthenticationError(
        `Jenkins at ${this.config.baseUrl} refused the credentials of user '${this.config.username}' (401): check platform.jenkins.username and its API token`,
      );
    }
    if (response.status === 403) {
      const text = await response.text();
      throw new NotAllowedError(
        `Jenkins at ${this.config.baseUrl} answered 403 for ${new URL(url).pathname}: ${text
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
      await this.request(`${this.jobUrl}/api/json?tree=name,buildable`);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(
          `Jenkins job '${this.config.job}' does not exist at ${this.config.baseUrl}`,
        );
      }
      throw error;
    }
  }

  private async crumbHeaders(): Promise<Record<string, string>> {
    if (this.config.apiToken) return {};
    // With a password Jenkins wants a crumb, tied to the session cookie.
    const response = await this.request(
      `${this.config.baseUrl}/crumbIssuer/api/json`,
    );
    const body = (await response.json()) as { crumb: string; crumbRequestField: string };
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    return { [body.crumbRequestField]: body.crumb, cookie };
  }

  /** Queues a build; returns the queue item URL from `Location`. */
  async trigger(parameters: Record<string, string>): Promise<string> {
    const headers = await this.crumbHeaders();
    const response = await this.request(`${this.jobUrl}/buildWithParameters`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(parameters).toString(),
    });
    const location = response.headers.get('location');
    if (response.status !== 201 || !location) {
      throw new ServiceUnavailableError(
        `Jenkins did not queue the build (status ${response.status}, no queue Location)`,
      );
    }
    return location.endsWith('/') ? location : `${location}/`;
  }

  /** Follows a queue item until Jenkins names its build. */
  async waitForBuild(
    queueUrl: string,
    options: { signal?: AbortSignal; onWaiting?: (why: string) => void | Promise<void> } = {},
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

  private buildUrl(build: JenkinsBuildRef) {
    // Use our own base URL: Jenkins' idea of its root URL may differ behind a proxy.
    return `${this.jobUrl}/${build.number}`;
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
      const response = await this.request(
        `${this.buildUrl(build)}/logText/progressiveText?start=${offset}`,
      );
      const text = await response.text();
      const size = Number(response.headers.get('x-text-size'));
      if (Number.isFinite(size) && size >= offset) offset = size;
      if (text) {
        log += text;
        lastOutput = Date.now();
        await options.onText(text);
      }
      if (response.headers.get('x-more-data') !== 'true') break;
      if (Date.now() - lastOutput >= this.config.heartbeatSeconds * 1000) {
        lastOutput = Date.now();
        await options.onHeartbeat(Math.round((Date.now() - started) / 1000));
      }
      if (Date.now() > deadline) {
        throw new ServiceUnavailableError(
          `Jenkins build ${this.buildUrl(build)} did not finish within ${this.config.timeoutMinutes} minutes`,
        );
      }
      await sleep(this.pollMs, options.signal);
    }
    // The log is complete; the result may take a moment longer to be set.
    for (let i = 0; ; i++) {
      const response = await this.request(`${this.buildUrl(build)}/api/json`);
      const body = (await response.json()) as { building: boolean; result: JenkinsResult | null };
      if (!body.building && body.result) {
        return { result: body.result, log, offset };
      }
      if (i > 60) {
        throw new ServiceUnavailableError(
          `Jenkins build ${this.buildUrl(build)} ended its log but reports no result`,
        );
      }
      await sleep(this.pollMs, options.signal);
    }
  }
}
