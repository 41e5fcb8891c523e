import type {
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import {
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Git } from './git';
import { GitRemotesConfig, readGitRemotes } from './NewServiceConfig';
import { publicError } from '@internal/plugin-scaffolder-node-public-errors';
import { resolveRemoteFile } from './remoteFileUrl';

export { readGitRemotes } from './NewServiceConfig';

/**
 * Reads files from the plain Git remotes of config newService.git with the
 * git CLI, so the catalog can read the catalog-info.yaml of a service the
 * new-service template published there. URLs have the shape
 * `{repository}/-/blob/{branch}/{path}` (see blobUrl); the etag is the
 * commit, so an unchanged repository is not read again. Every URL is
 * resolved by resolveRemoteFile before git runs: only the configured
 * remotes' own repositories are read.
 */
export class GitRemoteUrlReader implements UrlReaderService {
  private readonly git: Git;

  constructor(private readonly remotes: GitRemotesConfig) {
    this.git = new Git(remotes);
  }

  /**
   * Whether a URL is under one of the configured remotes (so this reader
   * answers for it; readUrl then refuses anything that is not a file of
   * one of their repositories).
   */
  handles(url: string): boolean {
    return [`${this.remotes.appsBaseUrl}/`, this.remotes.manifestsUrl].some(
      prefix => url.startsWith(prefix),
    );
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const { content, commit } = await this.readFile(url, options?.etag).catch(
      error => {
        throw error?.name === 'NotModifiedError' ? error : publicError(error);
      },
    );
    return {
      buffer: async () => content,
      stream: () => Readable.from(content),
      etag: commit,
    };
  }

  async readTree(): Promise<UrlReaderServiceReadTreeResponse> {
    throw new NotAllowedError(
      'Reading trees from Git remotes is not supported',
    );
  }

  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?[]/.test(url.split('/-/').slice(1).join('/-/'))) {
      throw new NotAllowedError(
        'Glob patterns are not supported for Git remotes',
      );
    }
    try {
      const { content, commit } = await this.readFile(url, options?.etag);
      return { files: [{ url, content: async () => content }], etag: commit };
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') {
        return { files: [], etag: '' };
      }
      throw error;
    }
  }

  private async readFile(
    url: string,
    etag?: string,
  ): Promise<{ content: Buffer; commit: string }> {
    const { repo, ref, filePath } = resolveRemoteFile(url, this.remotes);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'git-reader-'));
    try {
      const fetched = await this.git.try([
        'clone',
        '-q',
        '--bare',
        '--depth',
        '1',
        '--single-branch',
        '--branch',
        ref,
        repo,
        dir,
      ]);
      if (fetched.code !== 0) {
        throw new NotFoundError(
          `Cannot read ${repo} ${ref}: ${fetched.stderr.trim()}`,
        );
      }
      const commit = (
        await this.git.run(['--git-dir', dir, 'rev-parse', 'HEAD'])
      ).trim();
      if (etag && etag === commit) throw new NotModifiedError();
      const file = await this.git.try([
        '--git-dir',
        dir,
        'cat-file',
        '-e',
        `HEAD:${filePath}`,
      ]);
      if (file.code !== 0)
        throw new NotFoundError(`${filePath} not found in ${repo} ${ref}`);
      const content = await this.git.show([
        '--git-dir',
        dir,
        'show',
        `HEAD:${filePath}`,
      ]);
      return { content, commit };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  toString() {
    return `git-remote{apps=${this.remotes.appsBaseUrl}}`;
  }
}

/**
 * Adds the GitRemoteUrlReader to every plugin's URL reader (the catalog reads
 * registered services with it), when newService.git is configured.
 */
export const gitRemoteUrlReaderServiceFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return ({ config }) => {
      const remotes = readGitRemotes(config);
      if (!remotes) return [];
      const reader = new GitRemoteUrlReader(remotes);
      return [{ reader, predicate: (url: URL) => reader.handles(url.href) }];
    };
  },
});
