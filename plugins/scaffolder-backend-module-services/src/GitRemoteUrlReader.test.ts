/*
 * The reader against real repositories: a portal checkout (a Git repository
 * with an app-config.yaml holding a secret) with the application remotes
 * inside it, as `./portal start` lays them out. Hostile URLs must never
 * reach git; legitimate ones read the file.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchPlainFileAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  HOSTILE_INPUTS,
  HOSTILE_TRAVERSALS,
  hostileCases,
} from '@internal/sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Git } from './git';
import { GitRemoteUrlReader, readGitRemotes } from './GitRemoteUrlReader';
import { blobUrl } from './NewServiceConfig';
import { git } from './__testUtils__/git';

const SECRET = 'clientSecret: do-not-leak-4711';

function commitRepo(dir: string, files: Record<string, string>) {
  fs.mkdirSync(dir, { recursive: true });
  git(['init', '-q', '-b', 'main'], dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  git(['add', '.'], dir);
  git(['commit', '-q', '-m', 'init'], dir);
}

function bareWith(dir: string, files: Record<string, string>) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reader-work-'));
  commitRepo(work, files);
  git(['clone', '-q', '--bare', work, dir]);
  fs.rmSync(work, { recursive: true, force: true });
}

describe('GitRemoteUrlReader', () => {
  let root: string;
  let reader: GitRemoteUrlReader;
  let apps: string;
  let manifests: string;
  let gitCalls: jest.SpyInstance[];

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'reader-portal-'));
    commitRepo(root, { 'app-config.yaml': `${SECRET}\n` });
    bareWith(path.join(root, '.data/remotes/apps/orders-api.git'), {
      'catalog-info.yaml': 'kind: Component\n',
      'docs/index.md': '# Orders\n',
    });
    bareWith(path.join(root, '.data/remotes/manifests.git'), {
      'apps/orders-api/prod/deployment.yaml': 'kind: Deployment\n',
    });
    const remotes = readGitRemotes(
      new ConfigReader({
        newService: {
          git: {
            appsBaseUrl: path.join(root, '.data/remotes/apps'),
            manifestsUrl: path.join(root, '.data/remotes/manifests.git'),
          },
        },
      }),
    )!;
    apps = remotes.appsBaseUrl;
    manifests = remotes.manifestsUrl;
    reader = new GitRemoteUrlReader(remotes);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  beforeEach(() => {
    gitCalls = (['try', 'run', 'show'] as const).map(m =>
      jest.spyOn(Git.prototype, m),
    );
  });
  afterEach(() => jest.restoreAllMocks());

  const expectRefusedUnread = async (url: string) => {
    const read = reader.readUrl(url).then(r => r.buffer());
    await expect(read).rejects.toThrow(/Not a file of a configured Git remote/);
    await expect(read).rejects.toMatchObject({ name: 'NotAllowedError' });
    for (const call of gitCalls) expect(call).not.toHaveBeenCalled();
  };

  it('reads a file of an application repository and of the manifest repository', async () => {
    const app = await reader.readUrl(
      blobUrl(`${apps}/orders-api.git`, 'main', 'docs/index.md'),
    );
    expect((await app.buffer()).toString()).toBe('# Orders\n');
    expect(app.etag).toMatch(/^[0-9a-f]{40}$/);
    const manifest = await reader.readUrl(
      blobUrl(manifests, 'main', 'apps/orders-api/prod/deployment.yaml'),
    );
    expect((await manifest.buffer()).toString()).toBe('kind: Deployment\n');
  });

  it('finds a file with search and reports a missing one as no files', async () => {
    const url = blobUrl(`${apps}/orders-api.git`, 'main', 'catalog-info.yaml');
    const found = await reader.search(url);
    expect(found.files.map(f => f.url)).toEqual([url]);
    const missing = await reader.search(
      blobUrl(`${apps}/orders-api.git`, 'main', 'nothing.yaml'),
    );
    expect(missing.files).toEqual([]);
  });

  it('has at least 20 hostile spellings to try', () => {
    expect(HOSTILE_TRAVERSALS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(hostileCases(HOSTILE_TRAVERSALS))(
    'refuses %s as the repository of a URL, before git runs',
    async (_label, value) => {
      expect.hasAssertions();
      // The shape that read the portal checkout: {apps}/..%2F..%2F../-/blob/...
      await expectRefusedUnread(`${apps}/${value}/-/blob/main/app-config.yaml`);
      await expectRefusedUnread(
        `${apps}/${value}${
          value.endsWith('/') ? '' : '/'
        }..%2F..%2F/-/blob/main/app-config.yaml`,
      );
    },
  );

  it('refuses the traversal that reached the portal checkout', async () => {
    expect.hasAssertions();
    await expectRefusedUnread(
      `${apps}/..%2F..%2F..%2F/-/blob/main/app-config.yaml`,
    );
    await expectRefusedUnread(
      `${apps}/..%2F..%2F../.git/-/blob/main/app-config.yaml`,
    );
    await expectRefusedUnread(
      `${apps}/orders-api.git/..%2F..%2F..%2F..%2F/-/blob/main/app-config.yaml`,
    );
  });

  it.each(hostileCases(HOSTILE_INPUTS))(
    'refuses %s as the service name, the ref or the path, before git runs',
    async (_label, value) => {
      expect.hasAssertions();
      await expectRefusedUnread(
        `${apps}/${value}.git/-/blob/main/catalog-info.yaml`,
      );
      await expectRefusedUnread(
        `${apps}/orders-api.git/-/blob/${value}/catalog-info.yaml`,
      );
      await expectRefusedUnread(`${apps}/orders-api.git/-/blob/main/${value}`);
      await expectRefusedUnread(
        `${manifests}/-/blob/main/apps/${value}/prod/deployment.yaml`,
      );
    },
  );

  it('refuses without a stack or the server paths in the error', async () => {
    const error = await reader
      .readUrl(`${apps}/..%2F..%2F..%2F/-/blob/main/app-config.yaml`)
      .catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.stack).toBe(`NotAllowedError: ${error.message}`);
    expect(error.message).not.toContain(root);
  });

  it('refuses look-alikes of the configured prefixes', async () => {
    expect.hasAssertions();
    await expectRefusedUnread(
      `${apps.toUpperCase()}/orders-api.git/-/blob/main/catalog-info.yaml`,
    );
    await expectRefusedUnread(
      `${apps}-evil/orders-api.git/-/blob/main/catalog-info.yaml`,
    );
    await expectRefusedUnread(
      `${manifests}.evil/-/blob/main/apps/orders-api/prod/deployment.yaml`,
    );
    await expectRefusedUnread(
      `${apps}//orders-api.git/-/blob/main/catalog-info.yaml`,
    );
    await expectRefusedUnread(
      `${apps}/orders-api.git/-/blob/main//catalog-info.yaml`,
    );
    await expectRefusedUnread(
      `${apps}/nested/orders-api.git/-/blob/main/catalog-info.yaml`,
    );
  });

  it('refuses the same URLs through fetch:plain:file, as a dry-run runs it', async () => {
    const action = createFetchPlainFileAction({
      reader,
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    const workspacePath = fs.mkdtempSync(path.join(root, 'ws-'));
    const run = (url: string) =>
      action.handler(
        createMockActionContext({
          workspacePath,
          isDryRun: true,
          input: { url, targetPath: 'out.yaml' },
        }) as any,
      );
    for (const [, value] of hostileCases(HOSTILE_TRAVERSALS)) {
      await expect(
        run(`${apps}/${value}/-/blob/main/app-config.yaml`),
      ).rejects.toThrow(/Not a file of a configured Git remote/);
    }
    await expect(
      run(`${apps}/..%2F..%2F..%2F/-/blob/main/app-config.yaml`),
    ).rejects.toThrow(/Not a file of a configured Git remote/);
    for (const call of gitCalls) expect(call).not.toHaveBeenCalled();
    expect(fs.existsSync(path.join(workspacePath, 'out.yaml'))).toBe(false);

    await run(blobUrl(`${apps}/orders-api.git`, 'main', 'catalog-info.yaml'));
    expect(fs.readFileSync(path.join(workspacePath, 'out.yaml'), 'utf8')).toBe(
      'kind: Component\n',
    );
  });
});
