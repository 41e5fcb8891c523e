import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { IacConfig } from '../config';

const run = promisify(execFile);

/** Never echo a URL with credentials in it. */
const redact = (text: string) => text.replace(/\/\/[^@/\s]+@/g, '//***@');

/** A git command that failed, with everything it wrote. */
class GitError extends Error {
  readonly args: string[];
  readonly exitCode?: number;
  readonly stdout: string;
  readonly stderr: string;

  constructor(
    args: string[],
    exitCode: number | undefined,
    stdout: string,
    stderr: string,
  ) {
    // hint: lines are advice for people at a terminal; the rest says what happened.
    const detail = stderr
      .split('\n')
      .map(l => l.trim())
      .filter(l => l && !l.startsWith('hint:'))
      .slice(0, 6)
      .join(' ');
    super(
      `git ${args[0]} failed${
        exitCode === undefined ? '' : ` (exit ${exitCode})`
      }: ${redact(detail)}`,
    );
    this.name = 'GitError';
    this.args = args;
    this.exitCode = exitCode;
    this.stdout = redact(stdout);
    this.stderr = redact(stderr);
  }
}

/**
 * Reasons git's `push --porcelain` gives for a ref whose update lost a race:
 * the branch moved since we fetched (`[rejected] (fetch first)`,
 * `(non-fast-forward)`), or another push held or moved the ref while ours
 * was being applied (`[remote rejected] (cannot lock ref …)`).
 */
const LOST_RACE =
  /^\[rejected\]|^\[remote rejected\] \((cannot lock ref|failed to update ref|incorrect old value|failed to lock|reference already exists)/;

/** Runs git with the repository's identity and credentials. */
export class Git {
  private readonly config: IacConfig;

  constructor(config: IacConfig) {
    this.config = config;
  }

  /** Credentials go through git's environment, never its command line. */
  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: this.config.authorName,
      GIT_AUTHOR_EMAIL: this.config.authorEmail,
      GIT_COMMITTER_NAME: this.config.authorName,
      GIT_COMMITTER_EMAIL: this.config.authorEmail,
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const extra: [string, string][] = [
      ['init.defaultBranch', this.config.branch],
    ];
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

  async run(cwd: string, args: string[]): Promise<string> {
    try {
      const { stdout } = await run('git', args, {
        cwd,
        env: this.env(),
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const e = error as {
        code?: unknown;
        stdout?: string;
        stderr?: string;
        message: string;
      };
      throw new GitError(
        args,
        typeof e.code === 'number' ? e.code : undefined,
        e.stdout ?? '',
        e.stderr || e.message,
      );
    }
  }

  /**
   * Pushes HEAD to the branch. `stale` when the branch moved first (read
   * from the porcelain status of the ref, not from git's prose); a GitError
   * for any other refusal.
   */
  async push(
    cwd: string,
    branch: string,
  ): Promise<'pushed' | 'stale' | GitError> {
    const ref = `refs/heads/${branch}`;
    try {
      await this.run(cwd, ['push', '--porcelain', 'origin', `HEAD:${ref}`]);
      return 'pushed';
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      // Porcelain lines: <flag> TAB <from>:<to> TAB <summary> [(<reason>)]
      const line = error.stdout
        .split('\n')
        .map(l => l.split('\t'))
        .find(([flag, refs]) => flag === '!' && refs?.endsWith(`:${ref}`));
      return line && LOST_RACE.test(line[2] ?? '') ? 'stale' : error;
    }
  }
}
