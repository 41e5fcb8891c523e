import { execFile } from 'node:child_process';
import { ForwardedError } from '@backstage/errors';
import type { GitRemotesConfig } from './NewServiceConfig';

/** The result of a git command that may fail as part of normal operation. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the git CLI. Credentials for https remotes go in through
 * GIT_CONFIG_* environment variables (an Authorization header), so they
 * appear neither in URLs, nor in the command line, nor on disk.
 */
export class Git {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    remotes: Pick<GitRemotesConfig, 'username' | 'token' | 'author'>,
  ) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: remotes.author.name,
      GIT_AUTHOR_EMAIL: remotes.author.email,
      GIT_COMMITTER_NAME: remotes.author.name,
      GIT_COMMITTER_EMAIL: remotes.author.email,
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const extra: [string, string][] = [['init.defaultBranch', 'main']];
    if (remotes.token) {
      const basic = Buffer.from(
        `${remotes.username ?? 'git'}:${remotes.token}`,
      ).toString('base64');
      extra.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
    }
    env.GIT_CONFIG_COUNT = String(extra.length);
    extra.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    this.env = env;
  }

  /** Runs git; never throws for a non-zero exit. */
  try(args: string[], cwd?: string): Promise<GitResult> {
    return new Promise(resolve => {
      execFile(
        'git',
        args,
        { cwd, env: this.env, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' },
        (error, stdout, stderr) => {
          let code = 0;
          if (error) {
            const exitCode = (error as { code?: unknown }).code;
            code = typeof exitCode === 'number' ? exitCode : 1;
          }
          resolve({
            code,
            stdout: stdout.toString('utf8'),
            stderr: stderr.toString('utf8') || (error?.message ?? ''),
          });
        },
      );
    });
  }

  /** Runs git and returns stdout; throws with git's own message on failure. */
  async run(args: string[], cwd?: string): Promise<string> {
    const result = await this.try(args, cwd);
    if (result.code !== 0) {
      throw new ForwardedError(
        `git ${args[0]} failed`,
        new Error(result.stderr.trim() || `exit code ${result.code}`),
      );
    }
    return result.stdout;
  }

  /** Runs git and returns raw stdout bytes (for file contents). */
  show(args: string[], cwd?: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        { cwd, env: this.env, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' },
        (error, stdout, stderr) => {
          if (error) {
            reject(
              new ForwardedError(
                `git ${args[0]} failed`,
                new Error(stderr.toString('utf8').trim()),
              ),
            );
          } else {
            resolve(stdout);
          }
        },
      );
    });
  }
}
