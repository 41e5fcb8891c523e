import { NotAllowedError } from '@backstage/errors';
import path from 'node:path';
import { GitRemotesConfig, localPathOf } from './NewServiceConfig';
import { gitRefProblem, repoPathProblem } from './repoInput';
import { SERVICE_NAME_PATTERN } from './serviceName';

/** A file in one of the configured Git remotes, every part checked. */
export interface RemoteFile {
  /** Clone URL of the repository, built from the configuration. */
  repo: string;
  ref: string;
  filePath: string;
}

const BLOB = /^\/-\/(?:blob|tree)\/([^/]+)\/(.*)$/;

/**
 * Resolves a `{repository}/-/blob/{ref}/{path}` URL (see blobUrl) to a file
 * of a configured remote: an application repository `{appsBaseUrl}/{name}.git`
 * whose name is a service name, or the manifest repository. Nothing in the
 * URL is decoded; after the configured prefix only letters, digits and
 * `/ _ . -` are accepted, so escapes (`%2F`, `%2e`, `%252F`), backslashes,
 * `;`, NUL, non-ASCII look-alikes and dot segments are all refused. The
 * clone URL is rebuilt from the configuration and the name, and for local
 * remotes checked to stay inside the remote's directory.
 */
export function resolveRemoteFile(
  url: unknown,
  remotes: Pick<GitRemotesConfig, 'appsBaseUrl' | 'manifestsUrl'>,
): RemoteFile {
  const refuse = (why: string) =>
    new NotAllowedError(
      `Not a file of a configured Git remote: ${JSON.stringify(url)} (${why})`,
    );
  if (typeof url !== 'string' || url.length > 2048) {
    throw refuse('not a URL of at most 2048 characters');
  }
  let repo: string;
  let rest: string;
  const appsRoot = `${remotes.appsBaseUrl}/`;
  if (url.startsWith(`${remotes.manifestsUrl}/-/`)) {
    repo = remotes.manifestsUrl;
    rest = url.slice(remotes.manifestsUrl.length);
  } else if (url.startsWith(appsRoot)) {
    const tail = url.slice(appsRoot.length);
    const name = /^([^/]*)\.git(\/.*)$/.exec(tail);
    if (!name || !SERVICE_NAME_PATTERN.test(name[1])) {
      throw refuse('the repository is not {appsBaseUrl}/{service name}.git');
    }
    repo = `${remotes.appsBaseUrl}/${name[1]}.git`;
    rest = name[2];
  } else {
    throw refuse('outside the configured remotes');
  }
  const match = BLOB.exec(rest);
  if (!match) throw refuse('not a /-/blob/{ref}/{path} URL');
  const [, ref, filePath] = match;
  const problem = gitRefProblem(ref) ?? repoPathProblem(filePath);
  if (problem) throw refuse(problem);
  assertInsideRemote(repo, remotes, refuse);
  return { repo, ref, filePath };
}

function assertInsideRemote(
  repo: string,
  remotes: Pick<GitRemotesConfig, 'appsBaseUrl' | 'manifestsUrl'>,
  refuse: (why: string) => Error,
) {
  if (repo === remotes.manifestsUrl) return;
  const root = localPathOf(remotes.appsBaseUrl);
  const local = localPathOf(repo);
  if (root !== undefined && local !== undefined) {
    const resolved = path.resolve(local);
    if (path.dirname(resolved) !== path.resolve(root)) {
      throw refuse(
        'the repository is not directly inside the remote directory',
      );
    }
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remotes.appsBaseUrl)) {
    const parsed = new URL(repo);
    const base = new URL(`${remotes.appsBaseUrl}/`);
    if (
      parsed.origin !== base.origin ||
      !parsed.pathname.startsWith(base.pathname) ||
      parsed.pathname.slice(base.pathname.length).includes('/')
    ) {
      throw refuse('the repository is not directly inside the remote');
    }
  }
}
