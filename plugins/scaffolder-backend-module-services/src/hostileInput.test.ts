/*
 * Every input of the new-service template that becomes a path, a URL, a
 * git ref or a name, fed the shared hostile list: each is refused with an
 * InputError or NotAllowedError, and nothing reaches git or the catalog.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  HOSTILE_INPUTS,
  hostileCases,
} from '@internal/sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPlanAction } from './actions/plan';
import { createGitPublishAction } from './actions/publish';
import {
  createCatalogRegisterAction,
  isPublishedFileUrl,
} from './actions/register';
import { Git } from './git';
import { GitPublisher } from './GitPublisher';
import { readNewServiceConfig } from './NewServiceConfig';
import { assertGitRef, assertRepoPath } from './repoInput';
import { assertEnvironmentName, assertServiceName } from './serviceName';

const cases = hostileCases(HOSTILE_INPUTS);

describe('hostile input to the new-service template', () => {
  let root: string;
  let config: ConfigReader;
  let gitCalls: jest.SpyInstance[];

  /** Both targets (GitHub wins for publishing), or the git remotes alone. */
  const makeConfig = (withGithub: boolean) =>
    new ConfigReader({
      app: { baseUrl: 'http://portal.test' },
      integrations: withGithub
        ? { github: [{ host: 'github.com', token: 't' }] }
        : {},
      newService: {
        git: {
          appsBaseUrl: path.join(root, 'remotes/apps'),
          manifestsUrl: path.join(root, 'remotes/manifests.git'),
        },
        github: { owner: 'acme', manifestsRepo: 'manifests' },
        ecr: {
          registry: '111.dkr.ecr.ap-northeast-2.amazonaws.com',
          region: 'ap-northeast-2',
        },
        ingress: { domain: 'apps.example.com' },
        jenkins: { folder: 'services' },
      },
    });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsvc-hostile-'));
    config = makeConfig(true);
    gitCalls = (['try', 'run', 'show'] as const).map(m =>
      jest.spyOn(Git.prototype, m),
    );
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const noGit = () =>
    gitCalls.forEach(call => expect(call).not.toHaveBeenCalled());

  it('accepts the legitimate values', () => {
    expect(() => assertServiceName('orders-api')).not.toThrow();
    expect(() => assertEnvironmentName('dev-a')).not.toThrow();
    expect(() => assertGitRef('main')).not.toThrow();
    expect(() => assertGitRef('release/1.2')).not.toThrow();
    expect(() =>
      assertRepoPath('apps/orders-api/prod/deployment.yaml'),
    ).not.toThrow();
    expect(() => assertRepoPath('.github/workflows/ci.yaml')).not.toThrow();
  });

  it.each(cases)(
    'refuses %s as a service name, environment, ref and path',
    (_label, value) => {
      expect(() => assertServiceName(value)).toThrow(/Invalid service name/);
      expect(() => assertEnvironmentName(value)).toThrow(
        /Invalid environment name/,
      );
      expect(() => assertGitRef(value)).toThrow(/Invalid git ref/);
      expect(() => assertRepoPath(value)).toThrow(/Invalid path/);
      expect(() => assertRepoPath(`apps/${value}/prod`)).toThrow(
        /Invalid path/,
      );
    },
  );

  it.each(cases)(
    'services:plan refuses %s as the name or an environment',
    async (_label, value) => {
      const catalog = catalogServiceMock.mock();
      const action = createPlanAction({
        config,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      const run = (input: { name: string; environments: string[] }) =>
        action.handler(
          createMockActionContext({ input, isDryRun: true }) as any,
        );
      await expect(
        run({ name: value, environments: ['dev-a'] }),
      ).rejects.toThrow(/Invalid service name/);
      await expect(
        run({ name: 'orders-api', environments: ['dev-a', value] }),
      ).rejects.toThrow(/Invalid environment name/);
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      noGit();
    },
  );

  it('services:plan lets a good request through', async () => {
    const ctx = createMockActionContext({
      input: { name: 'orders-api', environments: ['dev-a', 'prod'] },
      isDryRun: true,
    });
    await createPlanAction({
      config: makeConfig(false),
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'jenkinsJob',
      'services/orders-api',
    );
  });

  it.each(cases)(
    'services:git:publish (dry run) refuses %s as a manifest path before git runs',
    async (_label, value) => {
      const ctx = createMockActionContext({
        input: {
          name: 'orders-api',
          appPath: 'app',
          manifestsPath: 'manifests',
          manifestPaths: [`apps/${value}`],
        },
        isDryRun: true,
      });
      await expect(
        createGitPublishAction({ config }).handler(ctx as any),
      ).rejects.toThrow(/Invalid manifest path/);
      noGit();
    },
  );

  it.each(cases)(
    'GitPublisher.preflight refuses %s as a manifest path before git runs',
    async (_label, value) => {
      const publisher = new GitPublisher(
        readNewServiceConfig(config).git!,
        mockServices.logger.mock(),
      );
      await expect(publisher.preflight('orders-api', [value])).rejects.toThrow(
        /Invalid manifest path/,
      );
      noGit();
    },
  );

  it.each(cases)(
    'services:catalog:register refuses %s in the catalog-info URL',
    async (_label, value) => {
      const settings = readNewServiceConfig(config);
      const apps = settings.git!.appsBaseUrl;
      const catalog = catalogServiceMock.mock();
      const action = createCatalogRegisterAction({
        config,
        catalog,
        auth: mockServices.auth(),
      });
      const urls = [
        `${apps}/${value}/-/blob/main/catalog-info.yaml`,
        `${apps}/orders-api.git/-/blob/main/${value}`,
        `https://github.com/acme/${value}/blob/main/catalog-info.yaml`,
        `https://github.com/acme/orders-api/blob/${value}/catalog-info.yaml`,
      ];
      for (const catalogInfoUrl of urls) {
        expect(isPublishedFileUrl(catalogInfoUrl, settings)).toBe(false);
        await expect(
          action.handler(
            createMockActionContext({
              input: {
                catalogInfoUrl,
                entityRef: 'component:default/orders-api',
              },
            }) as any,
          ),
        ).rejects.toThrow(
          /is not in a repository the new-service template publishes to/,
        );
      }
      expect(catalog.addLocation).not.toHaveBeenCalled();
    },
  );

  it('services:catalog:register refuses the traversal that reads another repository, and registers a real one', async () => {
    const settings = readNewServiceConfig(config);
    const apps = settings.git!.appsBaseUrl;
    expect(
      isPublishedFileUrl(
        `${apps}/..%2F..%2F..%2F/-/blob/main/app-config.yaml`,
        settings,
      ),
    ).toBe(false);
    expect(
      isPublishedFileUrl(
        'https://github.com/acme/..%2Fother/blob/main/catalog-info.yaml',
        settings,
      ),
    ).toBe(false);
    const catalog = catalogServiceMock.mock();
    const url = `${apps}/orders-api.git/-/blob/main/catalog-info.yaml`;
    await createCatalogRegisterAction({
      config,
      catalog,
      auth: mockServices.auth(),
    }).handler(
      createMockActionContext({
        input: {
          catalogInfoUrl: url,
          entityRef: 'component:default/orders-api',
        },
      }) as any,
    );
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'url', target: url },
      expect.anything(),
    );
    expect(
      isPublishedFileUrl(
        'https://github.com/acme/orders-api/blob/main/catalog-info.yaml',
        settings,
      ),
    ).toBe(true);
  });
});
