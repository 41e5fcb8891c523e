/*
 * Test helpers of the environments packages (`@internal/plugin-environments-node/testUtils`):
 * a real bare Git repository, the Jenkins stand-in in-process, an action context.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  jenkinsStandIn,
  JENKINS_API_TOKEN,
  JENKINS_USER,
  type JenkinsStandInOptions,
} from '@internal/sandbox/jenkins';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readEnvironmentEntities } from '../catalog/readEnvironmentEntities';
import { PlatformConfig } from '../config';

export type { IacConfig, JenkinsConfig, PlatformConfig } from '../config';
export type { IacRepository } from '../git/IacRepository';
import {
  DEFAULT_PRICING,
  DEFAULT_TTL_POLICY,
} from '@internal/plugin-environments-common';
import { EnvironmentService } from '../environment/EnvironmentService';
import { IacRepository } from '../git/IacRepository';
import { JenkinsClient } from '../jenkins/JenkinsClient';

const team = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

export const ORG: Entity[] = [
  team('platform-admins'),
  team('developers'),
  team('data'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'shop-db', namespace: 'default' },
    spec: { type: 'database', owner: 'group:default/developers' },
  },
];

/** Ownership of the example users (catalog/org.yaml). */
export const USERS: Record<string, string[]> = {
  'user:default/minsu.park': [
    'user:default/minsu.park',
    'group:default/developers',
  ],
  'user:default/sora.lee': ['user:default/sora.lee', 'group:default/data'],
  'user:default/jiyoung.kim': [
    'user:default/jiyoung.kim',
    'group:default/platform-admins',
  ],
};

export const userInfo: UserInfoService = {
  async getUserInfo(credentials: BackstageCredentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: USERS[ref] ?? [ref] };
  },
};

export function createBareRepo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-bare-'));
  execFileSync('git', [
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    dir,
  ]);
  return dir;
}

/** The lines a git command prints about `main` of a bare repository; none when it has no `main`. */
function gitLines(bare: string, args: string[]): string[] {
  try {
    return execFileSync('git', ['--git-dir', bare, ...args, 'main'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** The commit subjects of `main`, newest first. */
export function gitLog(bare: string): string[] {
  return gitLines(bare, ['log', '--format=%s']);
}

/** The files on `main`. */
export function gitFiles(bare: string): string[] {
  return gitLines(bare, ['ls-tree', '-r', '--name-only']);
}

export async function startJenkins(options: JenkinsStandInOptions = {}) {
  const standIn = jenkinsStandIn({
    lineDelayMs: 1,
    quietPeriodMs: 60,
    ...options,
  });
  const server: Server = await standIn.start({
    host: '127.0.0.1',
    port: 0,
    url: '',
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state: standIn.state,
    control: (body: Record<string, unknown>) =>
      fetch(`${url}/__sandbox/control`, {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    async builds() {
      return (await (await fetch(`${url}/__sandbox/builds`)).json()) as {
        queue: unknown[];
        builds: { parameters: Record<string, string>; result: string | null }[];
      };
    },
    stop: () => new Promise<void>(r => server.close(() => r())),
  };
}

/** The bare IaC repository and the Jenkins stand-in `useIacRemote` started. */
export interface IacRemote {
  bare: string;
  jenkins: Awaited<ReturnType<typeof startJenkins>>;
  /** The commit subjects of `main` once the seed files were committed. */
  seededLog: string[];
}

/**
 * A new bare IaC repository and Jenkins stand-in for each test of the
 * enclosing `describe` (`scope: 'all'`: one for all of them), with the
 * `seed` files committed first; stopped and removed after. The returned
 * object's fields are set once the tests run.
 */
export function useIacRemote(
  options: {
    jenkins?: JenkinsStandInOptions;
    scope?: 'each' | 'all';
    /** Files (path to content) committed as "seed" before the tests. */
    seed?: Record<string, string>;
  } = {},
): IacRemote {
  const remote = {} as IacRemote;
  const all = options.scope === 'all';
  (all ? beforeAll : beforeEach)(async () => {
    remote.jenkins = await startJenkins(options.jenkins);
    remote.bare = createBareRepo();
    if (options.seed) {
      await new IacRepository(
        platformConfig(remote.bare, remote.jenkins.url).iac,
      ).commit(options.seed, 'seed');
    }
    remote.seededLog = gitLog(remote.bare);
  });
  (all ? afterAll : afterEach)(async () => {
    await remote.jenkins?.stop();
    if (remote.bare) fs.rmSync(remote.bare, { recursive: true, force: true });
  });
  return remote;
}

export function platformConfig(
  repoUrl: string,
  jenkinsUrl: string,
  overrides: Partial<PlatformConfig['jenkins']> = {},
): PlatformConfig {
  return {
    iac: {
      url: repoUrl,
      branch: 'main',
      authorName: 'Portal',
      authorEmail: 'portal@acme.example',
    },
    jenkins: {
      baseUrl: jenkinsUrl,
      job: 'platform/environment',
      username: JENKINS_USER,
      apiToken: JENKINS_API_TOKEN,
      heartbeatSeconds: 20,
      timeoutMinutes: 5,
      ...overrides,
    },
    adminGroup: 'group:default/platform-admins',
    refreshSeconds: 60,
    vpcName: 'platform-vpc',
    awsAccountId: '123456789012',
    links: {},
    ttl: DEFAULT_TTL_POLICY,
    pricing: DEFAULT_PRICING,
  };
}

export function createService(
  config: PlatformConfig,
  entities: Entity[] = ORG,
  options: { repo?: IacRepository } = {},
) {
  const catalog = catalogServiceMock({ entities });
  const service = new EnvironmentService({
    repo: options.repo ?? new IacRepository(config.iac),
    jenkins: new JenkinsClient(config.jenkins, { pollMs: 10 }),
    catalog,
    auth: mockServices.auth(),
    userInfo,
    config,
    logger: mockServices.logger.mock(),
    catalogPollMs: 10,
  });
  return { service, catalog };
}

export function actionContext<T>(
  input: T,
  options: {
    user?: string;
    dryRun?: boolean;
    checkpoints?: Record<string, unknown>;
    workspacePath?: string;
  } = {},
) {
  const logs: string[] = [];
  const outputs: Record<string, unknown> = {};
  const checkpoints = options.checkpoints ?? {};
  const user = options.user ?? 'user:default/minsu.park';
  const logger = {
    info: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
    debug: () => {},
    child: () => logger,
  };
  const ctx = {
    input,
    logger,
    workspacePath:
      options.workspacePath ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ws-')),
    output: (k: string, v: unknown) => {
      outputs[k] = v;
    },
    async checkpoint({ key, fn }: { key: string; fn: () => Promise<unknown> }) {
      if (key in checkpoints) return checkpoints[key];
      const value = await fn();
      checkpoints[key] = value;
      return value;
    },
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(os.tmpdir(), 'tmp-')),
    getInitiatorCredentials: async () => mockCredentials.user(user),
    task: { id: 'task-1' },
    user: { ref: user },
    isDryRun: options.dryRun ?? false,
  };
  return { ctx: ctx as any, logs, outputs, checkpoints };
}

export const GOOD_REQUEST = {
  name: 'dev-a',
  purpose: 'dev',
  owner: 'group:default/developers',
  region: 'ap-northeast-2',
  kubernetesVersion: '1.32',
  instanceType: 't3.large',
  minNodes: 1,
  desiredNodes: 2,
  maxNodes: 3,
  addOns: ['cluster-autoscaler', 'monitoring'],
  ttlDays: 7,
};

/** A port nobody listens on. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>(r => server.close(() => r()));
  return port;
}

/**
 * A catalog that holds what the environment entity provider last read from
 * the IaC repository, as the real catalog does between its refreshes:
 * `sync()` is the catalog's next read, so a test decides when it catches up.
 */
export function repoCatalog(repo: IacRepository) {
  let entities: Entity[] = [];
  const catalog = catalogServiceMock.mock({
    getEntities: async () => ({ items: entities }),
    getEntityByRef: async (ref: string | CompoundEntityRef) =>
      entities.find(
        e =>
          stringifyEntityRef(e) ===
          (typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
      ),
  });
  const sync = async () => {
    entities = await readEnvironmentEntities(repo, mockServices.logger.mock());
  };
  return { catalog, sync };
}
