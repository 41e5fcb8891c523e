import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { InputError } from '@backstage/errors';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where and how the new-service template publishes (config `newService`). */
export interface NewServiceConfig {
  publishTo: 'github' | 'git';
  github?: { host: string; owner: string; manifestsRepo: string };
  git?: GitRemotesConfig;
  ecr: { registry: string; region: string };
  ingress: { domain: string; albGroup: string };
  jenkins: { folder: string; manifestsCredentialsId: string };
}

/** The `git` publishing target, URLs normalised. */
export interface GitRemotesConfig {
  /** Without a trailing slash. */
  appsBaseUrl: string;
  manifestsUrl: string;
  branch: string;
  username?: string;
  token?: string;
  author: { name: string; email: string };
}

/**
 * A remote given as a local path becomes a file:// URL (relative paths from
 * the backend's working directory, like the SQLite directory in
 * app-config.yaml); URLs (https://, ssh://, file://, user@host:path) stay.
 */
function normaliseRemote(remote: string): string {
  const trimmed = remote.replace(/\/+$/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
  if (/^[^/\s]+@[^/\s]+:/.test(trimmed)) return trimmed;
  return pathToFileURL(path.resolve(trimmed)).href;
}

/** The local directory of a file:// remote, else undefined. */
export function localPathOf(remote: string): string | undefined {
  if (!remote.startsWith('file://')) return undefined;
  return decodeURIComponent(new URL(remote).pathname);
}

/**
 * Reads `newService.git`, the plain Git publishing target; the new-service
 * actions and the GitRemoteUrlReader both read it through this.
 */
export function readGitRemotes(config: Config): GitRemotesConfig | undefined {
  const git = config.getOptionalConfig('newService.git');
  if (!git) return undefined;
  return {
    appsBaseUrl: normaliseRemote(git.getString('appsBaseUrl')),
    manifestsUrl: normaliseRemote(git.getString('manifestsUrl')),
    branch: git.getOptionalString('branch') ?? 'main',
    username: git.getOptionalString('username'),
    token: git.getOptionalString('token'),
    author: {
      name: git.getOptionalString('author.name') ?? 'Backstage Scaffolder',
      email:
        git.getOptionalString('author.email') ?? 'scaffolder@backstage.local',
    },
  };
}

/**
 * Reads `newService` once, on the first template run that needs it, and
 * keeps it: the backend starts without `newService` (the template then fails
 * with a clear message). A failed read is not kept, so the message repeats.
 */
export function newServiceConfigOnce(config: Config): () => NewServiceConfig {
  let settings: NewServiceConfig | undefined;
  return () => {
    settings ??= readNewServiceConfig(config);
    return settings;
  };
}

/** Reads `newService`; throws InputError when it is missing or incomplete. */
export function readNewServiceConfig(config: Config): NewServiceConfig {
  const c = config.getOptionalConfig('newService');
  if (!c) {
    throw new InputError(
      'The new-service template is not configured: set newService in app-config (see templates/new-service/README.md)',
    );
  }
  const integrations = ScmIntegrations.fromConfig(config);
  const githubConfig = c.getOptionalConfig('github');
  let github: NewServiceConfig['github'];
  if (githubConfig) {
    const host = githubConfig.getOptionalString('host') ?? 'github.com';
    const integration = integrations.github.byHost(host);
    // GitHub is "configured" only with credentials to create repositories.
    if (integration?.config.token || integration?.config.apps?.length) {
      github = {
        host,
        owner: githubConfig.getString('owner'),
        manifestsRepo: githubConfig.getString('manifestsRepo'),
      };
    }
  }
  const git = readGitRemotes(config);
  if (!github && !git) {
    throw new InputError(
      'newService needs either github (with an integrations.github entry that has credentials) or git remotes',
    );
  }
  return {
    publishTo: github ? 'github' : 'git',
    github,
    git,
    ecr: {
      registry: c.getString('ecr.registry'),
      region: c.getString('ecr.region'),
    },
    ingress: {
      domain: c.getString('ingress.domain'),
      albGroup: c.getOptionalString('ingress.albGroup') ?? 'services',
    },
    jenkins: {
      folder: c.getString('jenkins.folder'),
      manifestsCredentialsId:
        c.getOptionalString('jenkins.manifestsCredentialsId') ??
        'manifest-repo-git',
    },
  };
}

/** URL of the application repository of a service on the git remote. */
export function appRepoUrl(git: GitRemotesConfig, name: string): string {
  return `${git.appsBaseUrl}/${name}.git`;
}

/**
 * URLs of files and trees in a git remote, as the catalog and the
 * `backstage.io/source-location` annotation use them. Generic Git has no web
 * URLs, so these follow GitLab's shape (`/-/blob/{ref}/{path}`); the
 * GitRemoteUrlReader reads them with the git CLI.
 */
export function blobUrl(repo: string, ref: string, filePath: string): string {
  return `${repo}/-/blob/${ref}/${filePath.replace(/^\/+/, '')}`;
}
export function treeUrl(repo: string, ref: string): string {
  return `${repo}/-/tree/${ref}/`;
}
