import { ConflictError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Git } from './git';
import { appRepoUrl, GitRemotesConfig, localPathOf } from './NewServiceConfig';
import { assertServiceName } from './serviceName';
import { assertRepoPath } from './repoInput';

/** What a new service puts where. */
export interface PublishRequest {
  name: string;
  /** Directory whose content becomes the application repository. */
  appDir: string;
  /** Directory whose content is added to the manifest repository (as is, paths kept). */
  manifestsDir: string;
  /** Paths in the manifest repository that must not exist yet (e.g. apps/{name}). */
  manifestPaths: string[];
  /** Commit message first line. */
  message: string;
}

export interface PublishResult {
  appRepoUrl: string;
  appCommit: string;
  manifestsRepoUrl: string;
  manifestsCommit: string;
}

const MANIFEST_PUSH_ATTEMPTS = 3;

/**
 * Publishes a new service to plain Git remotes with the git CLI: a new
 * application repository, and a commit on the shared manifest repository.
 *
 * All or nothing: everything that can refuse is checked before the first
 * push (the application repository has no history, the manifest paths are
 * free); if the manifest push still fails, the application repository's
 * branch is deleted again (and a local repository created here removed).
 */
export class GitPublisher {
  private readonly git: Git;

  constructor(
    private readonly remotes: GitRemotesConfig,
    private readonly logger: LoggerService,
  ) {
    this.git = new Git(remotes);
  }

  /**
   * Checks that a service of this name can be published; throws
   * ConflictError (taken) or InputError (bad name) otherwise.
   */
  async preflight(
    name: string,
    manifestPaths: string[] = [`apps/${name}`],
  ): Promise<void> {
    assertServiceName(name);
    for (const p of manifestPaths) assertRepoPath(p, 'manifest path');
    const appUrl = appRepoUrl(this.remotes, name);
    const refs = await this.git.try(['ls-remote', appUrl]);
    if (refs.code === 0 && refs.stdout.trim() !== '') {
      throw new ConflictError(
        `The name ${name} is taken: repository ${appUrl} already has history`,
      );
    }
    if (refs.code !== 0 && !localPathOf(appUrl)) {
      // Servers that create repositories on push answer "not found" here;
      // the push itself then says whether the name can be used.
      this.logger.warn(
        `Cannot list ${appUrl} (${refs.stderr.trim()}); trying the push`,
      );
    }
    await this.withManifests(async dir => {
      for (const p of manifestPaths) {
        if (await exists(path.join(dir, p))) {
          throw new ConflictError(
            `The name ${name} is taken: ${p} already exists in the manifest repository ${this.remotes.manifestsUrl}`,
          );
        }
      }
    });
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const { name } = request;
    assertServiceName(name);
    for (const p of request.manifestPaths) assertRepoPath(p, 'manifest path');
    // Every file the commit adds must be new: no service overwrites another's.
    const manifestPaths = [
      ...request.manifestPaths,
      ...(await listFiles(request.manifestsDir)),
    ];
    await this.preflight(name, manifestPaths);

    const appUrl = appRepoUrl(this.remotes, name);
    const createdLocal = await this.ensureLocalBare(appUrl);
    const branch = this.remotes.branch;

    const appWork = await fs.mkdtemp(path.join(os.tmpdir(), 'newsvc-app-'));
    let appCommit: string;
    try {
      await fs.cp(request.appDir, appWork, { recursive: true });
      await this.git.run(['init', '-q', '-b', branch], appWork);
      await this.git.run(['add', '-A'], appWork);
      await this.git.run(['commit', '-q', '-m', request.message], appWork);
      appCommit = (await this.git.run(['rev-parse', 'HEAD'], appWork)).trim();
      const push = await this.git.try(
        ['push', '--porcelain', appUrl, `HEAD:refs/heads/${branch}`],
        appWork,
      );
      if (push.code !== 0) {
        if (createdLocal)
          await fs.rm(createdLocal, { recursive: true, force: true });
        throw refusal(`repository ${appUrl}`, name, push.stderr);
      }
      this.logger.info(`Pushed ${appUrl} ${branch} at ${appCommit}`);
    } finally {
      await fs.rm(appWork, { recursive: true, force: true });
    }

    try {
      const manifestsCommit = await this.commitManifests({
        ...request,
        manifestPaths,
      });
      return {
        appRepoUrl: appUrl,
        appCommit,
        manifestsRepoUrl: this.remotes.manifestsUrl,
        manifestsCommit,
      };
    } catch (error) {
      await this.rollbackApp(appUrl, appCommit, createdLocal);
      throw error;
    }
  }

  private async commitManifests(request: PublishRequest): Promise<string> {
    const { manifestsUrl, branch } = this.remotes;
    await this.ensureLocalBare(manifestsUrl);
    for (let attempt = 1; ; attempt++) {
      const result = await this.withManifests(async dir => {
        for (const p of request.manifestPaths) {
          if (await exists(path.join(dir, p))) {
            throw new ConflictError(
              `The name ${request.name} is taken: ${p} already exists in the manifest repository ${manifestsUrl}`,
            );
          }
        }
        await fs.cp(request.manifestsDir, dir, { recursive: true });
        await this.git.run(['add', '-A'], dir);
        await this.git.run(['commit', '-q', '-m', request.message], dir);
        const commit = (await this.git.run(['rev-parse', 'HEAD'], dir)).trim();
        const push = await this.git.try(
          ['push', '--porcelain', manifestsUrl, `HEAD:refs/heads/${branch}`],
          dir,
        );
        return { commit, push };
      });
      if (result.push.code === 0) {
        this.logger.info(
          `Pushed ${manifestsUrl} ${branch} at ${result.commit}`,
        );
        return result.commit;
      }
      // Someone else pushed to the shared repository meanwhile: start over
      // from their commit.
      const raced = /fetch first|non-fast-forward|rejected/.test(
        result.push.stderr,
      );
      if (!raced || attempt >= MANIFEST_PUSH_ATTEMPTS) {
        throw refusal(
          `manifest repository ${manifestsUrl}`,
          request.name,
          result.push.stderr,
        );
      }
      this.logger.warn(`Manifest push rejected (attempt ${attempt}), retrying`);
    }
  }

  /** Runs fn in a checkout of the manifest branch (an empty one if the branch does not exist yet). */
  private async withManifests<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const { manifestsUrl, branch } = this.remotes;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'newsvc-manifests-'));
    try {
      await this.git.run(['init', '-q', '-b', branch], dir);
      const local = localPathOf(manifestsUrl);
      if (!local || (await exists(local))) {
        const fetched = await this.git.try(
          ['fetch', '-q', '--depth', '1', manifestsUrl, branch],
          dir,
        );
        if (fetched.code === 0) {
          await this.git.run(
            ['checkout', '-q', '-B', branch, 'FETCH_HEAD'],
            dir,
          );
        } else if (!/couldn't find remote ref/i.test(fetched.stderr)) {
          throw new ConflictError(
            `Cannot read the manifest repository ${manifestsUrl}: ${fetched.stderr.trim()}`,
          );
        }
      }
      return await fn(dir);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** Creates a missing local bare repository; returns its path if created. */
  private async ensureLocalBare(url: string): Promise<string | undefined> {
    const local = localPathOf(url);
    if (!local || (await exists(local))) return undefined;
    await fs.mkdir(path.dirname(local), { recursive: true });
    await this.git.run([
      'init',
      '-q',
      '--bare',
      '-b',
      this.remotes.branch,
      local,
    ]);
    return local;
  }

  private async rollbackApp(
    url: string,
    commit: string,
    createdLocal: string | undefined,
  ) {
    const { branch } = this.remotes;
    this.logger.warn(`Rolling back ${url}: the manifests were not published`);
    if (createdLocal) {
      await fs.rm(createdLocal, { recursive: true, force: true });
      return;
    }
    const result = await this.git.try([
      'push',
      url,
      `--force-with-lease=refs/heads/${branch}:${commit}`,
      `:refs/heads/${branch}`,
    ]);
    if (result.code !== 0) {
      this.logger.error(
        `Could not delete ${branch} of ${url} again: ${result.stderr.trim()}`,
      );
    }
  }
}

function refusal(what: string, name: string, stderr: string): Error {
  const detail = stderr.trim().split('\n').slice(-3).join(' ');
  if (/fetch first|non-fast-forward|rejected|already exists/.test(stderr)) {
    return new ConflictError(
      `The ${what} refused the push: it already has a different history, so the name ${name} is taken (${detail})`,
    );
  }
  return new ConflictError(`The ${what} refused the push: ${detail}`);
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else files.push(rel);
  }
  return files;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
