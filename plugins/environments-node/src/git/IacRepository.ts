import { ForwardedError } from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IacConfig } from '../config';
import { Git } from './git';
import { FileChanges, IacTree, WorkTree } from './WorkTree';

export type { FileChanges, IacTree } from './WorkTree';

/**
 * A change to the IaC repository: fixed file contents, or a function that
 * edits the branch's current files. A function runs again on the newer
 * files whenever someone else pushed first, so it must decide from what it
 * reads (and throw to refuse: then nothing is pushed).
 */
export type IacEdit = FileChanges | ((tree: IacTree) => Promise<void> | void);

export interface IacRepositoryOptions {
  /** Pushes tried before giving up when others keep pushing first. */
  maxPushAttempts?: number;
  /** Upper bound of the first wait between attempts; it doubles, with jitter. */
  retryBaseMs?: number;
  random?: () => number;
}

const MAX_BACKOFF_MS = 1000;

/**
 * Commits this process makes to one branch, one after another: racing each
 * other would only make all but one redo their work. Other processes (more
 * replicas, people) are still raced, and the push retry handles them.
 */
const localQueues = new Map<string, Promise<unknown>>();

function inTurn<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = localQueues.get(key) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  const tail = next.catch(() => undefined);
  localQueues.set(key, tail);
  tail.then(() => {
    if (localQueues.get(key) === tail) localQueues.delete(key);
  });
  return next;
}

/**
 * The IaC Git repository, through the git CLI so any remote works (https
 * with a token, ssh, file). Every change happens in a throw-away clone and
 * reaches the remote in one push, so a failure leaves the remote untouched.
 * A push that loses the race to someone else's fetches their commits,
 * applies the change again on top and pushes again.
 */
export class IacRepository {
  private readonly config: IacConfig;
  private readonly git: Git;
  private readonly maxPushAttempts: number;
  private readonly retryBaseMs: number;
  private readonly random: () => number;

  constructor(config: IacConfig, options: IacRepositoryOptions = {}) {
    this.config = config;
    this.git = new Git(config);
    this.maxPushAttempts = options.maxPushAttempts ?? 20;
    this.retryBaseMs = options.retryBaseMs ?? 25;
    this.random = options.random ?? Math.random;
  }

  get url() {
    return this.config.url;
  }

  get branch() {
    return this.config.branch;
  }

  private get safeUrl() {
    return this.config.url.replace(/\/\/[^@/]+@/, '//***@');
  }

  /** A fresh clone of the branch (or an empty repository with the branch unborn). */
  private async checkout(): Promise<{
    dir: string;
    cleanup: () => Promise<void>;
  }> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'iac-'));
    const cleanup = () => fs.rm(tmp, { recursive: true, force: true });
    const dir = path.join(tmp, 'repo');
    const { url, branch } = this.config;
    try {
      const heads = await this.git.run(tmp, [
        'ls-remote',
        '--heads',
        url,
        `refs/heads/${branch}`,
      ]);
      if (heads.trim()) {
        await this.git.run(tmp, [
          'clone',
          '--quiet',
          '--depth',
          '1',
          '--branch',
          branch,
          url,
          'repo',
        ]);
      } else {
        await fs.mkdir(dir);
        await this.git.run(dir, ['init', '--quiet']);
        await this.git.run(dir, ['remote', 'add', 'origin', url]);
      }
      return { dir, cleanup };
    } catch (error) {
      await cleanup();
      throw new ForwardedError(
        `Could not read the IaC repository ${this.safeUrl}`,
        error,
      );
    }
  }

  /**
   * After a push lost to someone else's: the work tree becomes the branch's
   * new head, which exists now, and our commit is dropped.
   */
  private async syncToRemote(dir: string) {
    const branch = this.config.branch;
    const tracking = `refs/remotes/origin/${branch}`;
    await this.git.run(dir, [
      'fetch',
      '--quiet',
      '--depth',
      '1',
      'origin',
      `+refs/heads/${branch}:${tracking}`,
    ]);
    await this.git.run(dir, ['reset', '--quiet', '--hard', tracking]);
  }

  /** Reads files under a directory of the branch's head: path to content. */
  async readTree(prefix: string): Promise<Record<string, string>> {
    const { dir, cleanup } = await this.checkout();
    try {
      return await new WorkTree(dir).readAll(prefix);
    } finally {
      await cleanup();
    }
  }

  /** Names of the directories under environments/. */
  async listEnvironmentNames(): Promise<string[]> {
    const files = await this.readTree('environments');
    return [
      ...new Set(
        Object.keys(files)
          .map(f => f.split('/')[1])
          .filter(Boolean),
      ),
    ];
  }

  /**
   * Applies the edit, commits and pushes. Returns the commit (or the current
   * head when the edit changed nothing). When someone else pushed in
   * between, fetches their work and applies the edit again on top of it.
   */
  async commit(
    edit: IacEdit,
    message: string,
  ): Promise<{ sha: string; changed: boolean }> {
    return inTurn(`${this.config.url}\n${this.config.branch}`, () =>
      this.commitNow(edit, message),
    );
  }

  private async commitNow(
    edit: IacEdit,
    message: string,
  ): Promise<{ sha: string; changed: boolean }> {
    const apply =
      typeof edit === 'function' ? edit : (tree: IacTree) => tree.apply(edit);
    const { dir, cleanup } = await this.checkout();
    try {
      for (let attempt = 1; ; attempt++) {
        await apply(new WorkTree(dir));
        await this.git.run(dir, ['add', '--all']);
        if (!(await this.git.run(dir, ['status', '--porcelain'])).trim()) {
          const sha = (
            await this.git.run(dir, ['rev-parse', 'HEAD']).catch(() => '')
          ).trim();
          return { sha, changed: false };
        }
        await this.git.run(dir, ['commit', '--quiet', '-m', message]);
        const sha = (await this.git.run(dir, ['rev-parse', 'HEAD'])).trim();
        if (await this.push(dir)) return { sha, changed: true };
        if (attempt >= this.maxPushAttempts) {
          throw new ForwardedError(
            `Could not push to the IaC repository ${this.safeUrl}; nothing was changed there`,
            new Error(
              `${this.config.branch} moved under each of ${attempt} attempts`,
            ),
          );
        }
        await this.backoff(attempt);
        await this.syncToRemote(dir).catch(error => {
          throw new ForwardedError(
            `Could not read the IaC repository ${this.safeUrl} again after a concurrent push; nothing was changed there`,
            error,
          );
        });
      }
    } finally {
      await cleanup();
    }
  }

  /** True when pushed, false when the branch moved first; throws on anything else. */
  private async push(dir: string): Promise<boolean> {
    const result = await this.git.push(dir, this.config.branch);
    if (result === 'pushed') return true;
    if (result === 'stale') return false;
    throw new ForwardedError(
      `Could not push to the IaC repository ${this.safeUrl}; nothing was changed there`,
      result,
    );
  }

  private backoff(attempt: number) {
    const ceiling = Math.min(
      MAX_BACKOFF_MS,
      this.retryBaseMs * 2 ** (attempt - 1),
    );
    return new Promise(resolve =>
      setTimeout(resolve, Math.round(this.random() * ceiling)),
    );
  }
}
