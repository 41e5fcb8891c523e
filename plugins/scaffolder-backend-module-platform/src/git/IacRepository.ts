import { ConflictError, ForwardedError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { IacConfig } from '../config';

const run = promisify(execFile);

/** A change to the IaC repository: file contents, or null to delete. */
export type FileChanges = Record<string, string | null>;

/**
 * The IaC Git repository, through the git CLI so any remote works (https
 * with a token, ssh, file). Every change happens in a throw-away clone and
 * reaches the remote in one push, so a failure leaves the remote untouched.
 */
export class IacRepository {
  private readonly config: IacConfig;

  constructor(config: IacConfig) {
    this.config = config;
  }

  get url() {
    return this.config.url;
  }

  get branch() {
    return this.config.branch;
  }

  /** Credentials go through git's environment, never its command line. */
  private gitEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: this.config.authorName,
      GIT_AUTHOR_EMAIL: this.config.authorEmail,
      GIT_COMMITTER_NAME: this.config.authorName,
      GIT_COMMITTER_EMAIL: this.config.authorEmail,
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const extra: [string, string][] = [['init.defaultBranch', this.config.branch]];
    if (this.config.token) {
      const basic = Buffer.from(
        `${this.config.username ?? 'x-access-token'}:${this.config.token}`,
      ).toString('base64');
      extra.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
    }
    env.GIT_CONFIG_COUNT = String(extra.length);
    extra.forEach(([k, v], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = k;
      env[`GIT_CONFIG_VALUE_${i}`] = v;
    });
    return env;
  }

  private async git(cwd: string, args: string[]) {
    try {
      const { stdout } = await run('git', args, {
        cwd,
        env: this.gitEnv(),
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      const detail = (e.stderr || e.message).trim().split('\n').slice(-3).join(' ');
      // Never echo a URL with credentials in it.
      throw new Error(`git ${args[0]} failed: ${detail.replace(/\/\/[^@/]+@/g, '//***@')}`);
    }
  }

  /** A fresh clone of the branch (or an empty repository with the branch unborn). */
  private async checkout(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'iac-'));
    const cleanup = () => fs.rm(dir, { recursive: true, force: true });
    try {
      const heads = await this.git(dir, ['ls-remote', '--heads', this.config.url, this.config.branch]);
      if (heads.trim()) {
        await this.git(dir, ['clone', '--quiet', '--depth', '1', '--branch', this.config.branch, this.config.url, 'repo']);
      } else {
        await fs.mkdir(path.join(dir, 'repo'));
        await this.git(path.join(dir, 'repo'), ['init', '--quiet']);
        await this.git(path.join(dir, 'repo'), ['remote', 'add', 'origin', this.config.url]);
      }
      return { dir: path.join(dir, 'repo'), cleanup };
    } catch (error) {
      await cleanup();
      throw new ForwardedError(`Could not read the IaC repository ${this.safeUrl}`, error);
    }
  }

  private get safeUrl() {
    return this.config.url.replace(/\/\/[^@/]+@/, '//***@');
  }

  private static resolveInside(root: string, file: string) {
    const target = path.resolve(root, file);
    if (!target.startsWith(`${root}${path.sep}`) || file.includes('\0')) {
      throw new ConflictError(`Refusing to write outside the repository: ${JSON.stringify(file)}`);
    }
    return target;
  }

  /** Reads files under a directory of the branch's head: path to content. */
  async readTree(prefix: string): Promise<Record<string, string>> {
    const { dir, cleanup } = await this.checkout();
    try {
      const result: Record<string, string> = {};
      const base = IacRepository.resolveInside(dir, prefix);
      const walk = async (d: string) => {
        let entries;
        try {
          entries = await fs.readdir(d, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          const full = path.join(d, e.name);
          if (e.isDirectory()) await walk(full);
          else if (e.isFile()) result[path.relative(dir, full).split(path.sep).join('/')] = await fs.readFile(full, 'utf8');
        }
      };
      await walk(base);
      return result;
    } finally {
      await cleanup();
    }
  }

  /** Names of the directories under environments/. */
  async listEnvironmentNames(): Promise<string[]> {
    const files = await this.readTree('environments');
    return [...new Set(Object.keys(files).map(f => f.split('/')[1]).filter(Boolean))];
  }

  /**
   * Applies the changes, commits and pushes in one go. Returns the commit
   * (or the current head when there was nothing to change). Retries when
   * someone else pushed in between.
   */
  async commit(changes: FileChanges, message: string): Promise<{ sha: string; changed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const { dir, cleanup } = await this.checkout();
      try {
        for (const [file, content] of Object.entries(changes)) {
          const target = IacRepository.resolveInside(dir, file);
          if (content === null) {
            await fs.rm(target, { force: true });
          } else {
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.writeFile(target, content, 'utf8');
          }
        }
        await this.git(dir, ['add', '--all']);
        const status = await this.git(dir, ['status', '--porcelain']);
        if (!status.trim()) {
          const sha = (await this.git(dir, ['rev-parse', 'HEAD']).catch(() => '')).trim();
          return { sha, changed: false };
        }
        await this.git(dir, ['commit', '--quiet', '-m', message]);
        const sha = (await this.git(dir, ['rev-parse', 'HEAD'])).trim();
        try {
          await this.git(dir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${this.config.branch}`]);
        } catch (error) {
          const text = String((error as Error).message);
          if (attempt < 3 && /rejected|non-fast-forward|fetch first/.test(text)) continue;
          throw new ForwardedError(`Could not push to the IaC repository ${this.safeUrl}; nothing was changed there`, error);
        }
        return { sha, changed: true };
      } finally {
        await cleanup();
      }
    }
  }
}
