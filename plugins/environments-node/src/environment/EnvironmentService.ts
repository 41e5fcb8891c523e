import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { DateTime } from 'luxon';
import { parse, stringify } from 'yaml';
import { Config } from '@backstage/config';
import { PlatformConfig, readPlatformConfig } from '../config';
import { FileChanges, IacRepository } from '../git/IacRepository';
import { JenkinsClient, JenkinsResult } from '../jenkins/JenkinsClient';
import {
  EnvironmentRequest,
  ExistingEnvironments,
  Requester,
  environmentFileProblems,
  nameProblems,
  validateEnvironmentRequest,
} from './EnvironmentRequest';
import {
  checkTtlDays,
  ENVIRONMENT_ANNOTATIONS as ANNOTATIONS,
  EXPIRING_PURPOSES,
  EnvironmentStatus,
  MAX_TTL_DAYS,
  ENVIRONMENT_TYPE,
  isEnvironmentType,
} from '@internal/plugin-environments-common';
import {
  CATALOG_INFO_FILE,
  environmentDir,
  environmentEntityRef,
  renderEnvironmentFiles,
} from './renderEnvironment';

/** Topic on which the catalog provider hears that the IaC repository changed. */
export const ENVIRONMENTS_CHANGED_TOPIC = 'platform.environments.changed';

export interface PipelineLog {
  info(message: string): void;
}

export interface PipelineRun {
  queueUrl: string;
  build?: { number: number; url: string };
}

/**
 * Everything an environment's life needs, shared by the scaffolder actions
 * and the expiry task so both go the same way.
 */
export class EnvironmentService {
  readonly repo: IacRepository;
  readonly jenkins: JenkinsClient;
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly userInfo: UserInfoService;
  private readonly events?: EventsService;
  private readonly config: PlatformConfig;
  private readonly logger: LoggerService;
  private readonly catalogPollMs: number;

  constructor(options: {
    repo: IacRepository;
    jenkins: JenkinsClient;
    catalog: CatalogService;
    auth: AuthService;
    userInfo: UserInfoService;
    events?: EventsService;
    config: PlatformConfig;
    logger: LoggerService;
    catalogPollMs?: number;
  }) {
    this.repo = options.repo;
    this.jenkins = options.jenkins;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.userInfo = options.userInfo;
    this.events = options.events;
    this.config = options.config;
    this.logger = options.logger;
    this.catalogPollMs = options.catalogPollMs ?? 1000;
  }

  /** The service as the environments plugin and modules build it, from `platform.*`. */
  static fromConfig(
    config: Config,
    deps: {
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      events?: EventsService;
      logger: LoggerService;
    },
  ): EnvironmentService {
    const platform = readPlatformConfig(config);
    return new EnvironmentService({
      ...deps,
      repo: new IacRepository(platform.iac),
      jenkins: new JenkinsClient(platform.jenkins),
      config: platform,
    });
  }

  /** Who is asking: their ownership refs decide what they may do. */
  async requester(credentials: BackstageCredentials): Promise<Requester> {
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Environments can only be created or changed by a signed-in user',
      );
    }
    const info = await this.userInfo.getUserInfo(credentials);
    return {
      userRef: info.userEntityRef,
      ownershipRefs: info.ownershipEntityRefs,
      isAdmin: info.ownershipEntityRefs.includes(this.config.adminGroup),
    };
  }

  private async serviceCredentials() {
    return { credentials: await this.auth.getOwnServiceCredentials() };
  }

  /** Names in use (catalog Resources and the IaC repository) and existing groups. */
  async existing(): Promise<ExistingEnvironments> {
    const options = await this.serviceCredentials();
    const [resources, groups, repoNames] = await Promise.all([
      this.catalog.getEntities(
        {
          filter: { kind: 'Resource' },
          fields: ['metadata.name', 'metadata.namespace'],
        },
        options,
      ),
      this.catalog.getEntities(
        {
          filter: { kind: 'Group' },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        options,
      ),
      this.repo.listEnvironmentNames(),
    ]);
    return {
      takenNames: new Set([
        ...resources.items.map(e => e.metadata.name),
        ...repoNames,
      ]),
      groups: new Set(
        groups.items.map(g => stringifyEntityRef({ ...g, kind: 'Group' })),
      ),
    };
  }

  async validateCreate(
    input: Record<string, unknown>,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentRequest> {
    const requester = await this.requester(credentials);
    // Cheap, local checks first: a hostile name never reaches the catalog or Git.
    const early = nameProblems(input.name);
    if (early.length) {
      throw new InputError(`Environment request refused: ${early.join('; ')}`);
    }
    return validateEnvironmentRequest(
      input,
      requester,
      await this.existing(),
      DateTime.utc(),
      this.config.ttl,
    );
  }

  render(req: EnvironmentRequest) {
    return renderEnvironmentFiles(req, {
      vpcName: this.config.vpcName,
      accountId: this.config.awsAccountId,
      pricing: this.config.pricing,
    });
  }

  /** The environment's catalog-info.yaml as committed in the IaC repository. */
  async readFromRepo(name: string): Promise<Entity | undefined> {
    if (nameProblems(name).length) return undefined;
    const files = await this.repo.readTree(environmentDir(name));
    const text = files[`${environmentDir(name)}/${CATALOG_INFO_FILE}`];
    return text ? (parse(text) as Entity) : undefined;
  }

  /**
   * The environment a user wants to change, if they may: its owners and
   * platform admins only. Accepts a name or an entity ref.
   */
  async authorizeChange(
    nameOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ name: string; entity: Entity; requester: Requester }> {
    const name = this.nameOf(nameOrRef);
    const requester = await this.requester(credentials);
    const entity = await this.findEnvironment(name);
    if (!this.mayChange(requester, entity)) {
      throw new NotAllowedError(
        `${requester.userRef} may not change environment ${name}: only its owner ${entity.spec?.owner} and platform admins may`,
      );
    }
    return { name, entity, requester };
  }

  /**
   * The environment's entity: the catalog's, or the IaC repository's while
   * the catalog has not read a new environment yet.
   */
  async findEnvironment(name: string): Promise<Entity> {
    const entity =
      (await this.catalog.getEntityByRef(
        environmentEntityRef(name),
        await this.serviceCredentials(),
      )) ?? (await this.readFromRepo(name));
    if (!entity || !isEnvironmentType(entity.spec?.type)) {
      throw new NotFoundError(
        `There is no environment named ${JSON.stringify(name)}`,
      );
    }
    return entity;
  }

  mayChange(requester: Requester, entity: Entity) {
    if (requester.isAdmin) return true;
    const owner = String(entity.spec?.owner ?? '');
    try {
      const ref = stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
      return requester.ownershipRefs.includes(ref);
    } catch {
      return false;
    }
  }

  /** `resource:default/dev-a` or `dev-a` becomes `dev-a`, refusing anything else. */
  nameOf(nameOrRef: string): string {
    let name = nameOrRef;
    if (nameOrRef.includes(':') || nameOrRef.includes('/')) {
      try {
        const ref = parseEntityRef(nameOrRef, {
          defaultKind: 'resource',
          defaultNamespace: 'default',
        });
        if (
          ref.kind.toLocaleLowerCase('en-US') !== 'resource' ||
          ref.namespace !== 'default'
        ) {
          throw new Error('not an environment');
        }
        name = ref.name;
      } catch {
        throw new InputError(
          `${JSON.stringify(nameOrRef)} is not an environment reference`,
        );
      }
    }
    const problems = nameProblems(name);
    if (problems.length) throw new InputError(problems.join('; '));
    return name;
  }

  /**
   * Commits the environment's files (or their removal). With `create`, the
   * commit is refused when the environment's directory exists on the branch
   * it lands on, so two requests for one name give one environment.
   */
  async commitFiles(
    name: string,
    files: FileChanges,
    message: string,
    options: { create?: boolean } = {},
  ) {
    const checked = this.nameOf(name);
    const envDir = environmentDir(checked);
    for (const f of Object.keys(files)) {
      const problems = environmentFileProblems(checked, f);
      if (problems.length)
        throw new InputError(`Refusing to write: ${problems.join('; ')}`);
    }
    const result = await this.repo.commit(async tree => {
      if (options.create && (await tree.exists(envDir))) {
        throw new ConflictError(
          `An environment named ${name} already exists in the IaC repository; nothing was changed`,
        );
      }
      await tree.apply(files);
    }, message);
    await this.announceChange();
    return result;
  }

  async removeFiles(name: string, message: string) {
    const dir = environmentDir(this.nameOf(name));
    const result = await this.repo.commit(tree => tree.remove(dir), message);
    if (!result.changed) return { sha: '', changed: false };
    await this.announceChange();
    return result;
  }

  /**
   * Updates annotations in the committed catalog-info.yaml, read from the
   * branch each time the commit is attempted so concurrent changes stay.
   */
  async updateAnnotations(
    name: string,
    annotations: Record<string, string | undefined>,
    message: string,
  ) {
    if (nameProblems(name).length) return undefined;
    const file = `${environmentDir(name)}/${CATALOG_INFO_FILE}`;
    let found = false;
    const result = await this.repo.commit(async tree => {
      const text = await tree.read(file);
      found = !!text;
      if (!text) return;
      const entity = parse(text) as Entity;
      const next = { ...(entity.metadata.annotations ?? {}) };
      for (const [k, v] of Object.entries(annotations)) {
        if (v === undefined) delete next[k];
        else next[k] = v;
      }
      entity.metadata.annotations = next;
      await tree.write(file, stringify(entity));
    }, message);
    if (!found) return undefined;
    await this.announceChange();
    return result;
  }

  async setStatus(
    name: string,
    status: EnvironmentStatus,
    extra: Record<string, string> = {},
  ) {
    return this.updateAnnotations(
      name,
      { [ANNOTATIONS.status]: status, ...extra },
      `${name}: ${status}`,
    );
  }

  /**
   * New expiry for a non-prod environment, `days` from now: at most its
   * purpose's maximum (`platform.environments.ttl`, checkTtlDays).
   * It does not check who asks: callers authorize first (environments-backend
   * asks the permission framework for environment.expiry.extend).
   */
  async setExpiry(name: string, entity: Entity, days: number) {
    if (!Number.isInteger(days) || days < 1 || days > MAX_TTL_DAYS) {
      throw new InputError(
        `days must be a whole number from 1 to ${MAX_TTL_DAYS}`,
      );
    }
    const purpose = entity.metadata.annotations?.[ANNOTATIONS.purpose];
    if (
      !purpose ||
      (!(EXPIRING_PURPOSES as string[]).includes(purpose) &&
        purpose !== 'staging')
    ) {
      throw new InputError(
        `${name} is a ${purpose ?? 'unknown'} environment and does not expire`,
      );
    }
    checkTtlDays(this.config.ttl, purpose, days);
    const expiresAt = DateTime.utc().plus({ days }).toISO()!;
    const commit = await this.updateAnnotations(
      name,
      {
        [ANNOTATIONS.expiresAt]: expiresAt,
        [ANNOTATIONS.expiryNotified]: undefined,
      },
      `${name}: expiry extended to ${expiresAt}`,
    );
    return { name, expiresAt, commitSha: commit?.sha };
  }

  async announceChange() {
    await this.events
      ?.publish({ topic: ENVIRONMENTS_CHANGED_TOPIC, eventPayload: {} })
      .catch(error =>
        this.logger.warn(`Could not announce the IaC change: ${error}`),
      );
  }

  /** Waits until the catalog has (or no longer has) the environment. */
  async waitForCatalog(
    name: string,
    present: boolean,
    log: PipelineLog,
    timeoutMs = 180_000,
  ) {
    const ref = environmentEntityRef(name);
    const started = Date.now();
    let lastLog = Date.now();
    await this.announceChange();
    for (;;) {
      const entity = await this.catalog.getEntityByRef(
        ref,
        await this.serviceCredentials(),
      );
      if (!!entity === present) return entity;
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `The catalog did not ${present ? 'show' : 'drop'} ${ref} within ${
            timeoutMs / 1000
          } s; it reads the IaC repository every ${
            this.config.refreshSeconds
          } s, so it may still appear`,
        );
      }
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log.info(
          `Still waiting for the catalog to ${
            present ? 'show' : 'drop'
          } ${ref}…`,
        );
      }
      await new Promise(r => setTimeout(r, this.catalogPollMs));
    }
  }

  /** Reads the cluster's API server and CA from the pipeline's output line. */
  static clusterFromLog(log: string): Record<string, string> {
    const line = log
      .split('\n')
      .reverse()
      .find(l => l.startsWith('portal-output: '));
    if (!line) return {};
    try {
      const out = JSON.parse(line.slice('portal-output: '.length));
      const result: Record<string, string> = {};
      if (
        typeof out.apiServer === 'string' &&
        /^https:\/\/[a-z0-9.-]+(:\d+)?\/?$/i.test(out.apiServer)
      ) {
        result['kubernetes.io/api-server'] = out.apiServer;
      }
      if (
        typeof out.caData === 'string' &&
        /^[A-Za-z0-9+/=]{1,20000}$/.test(out.caData)
      ) {
        result['kubernetes.io/api-server-certificate-authority'] = out.caData;
      }
      return result;
    } catch {
      return {};
    }
  }

  get jenkinsHeartbeatMs() {
    return this.config.jenkins.heartbeatSeconds * 1000;
  }

  /** Environments the catalog knows about. */
  async listEnvironments(): Promise<Entity[]> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': ENVIRONMENT_TYPE } },
      await this.serviceCredentials(),
    );
    return items;
  }

  /**
   * Destroy without a scaffolder task (the expiry task): the same pipeline
   * and commits as the delete template's steps.
   */
  async destroy(
    name: string,
    log: PipelineLog,
    onBuild: (build: {
      number: number;
      url: string;
    }) => Promise<void> | void = () => {},
  ): Promise<JenkinsResult> {
    await this.jenkins.checkJob();
    const marked = await this.setStatus(name, 'destroying');
    const queueUrl = await this.jenkins.trigger(
      { ENV_NAME: name, ACTION: 'destroy', GIT_REF: this.repo.branch },
      {
        requestId: JenkinsClient.requestId(
          'expiry',
          'destroy',
          name,
          marked?.sha ?? '',
        ),
      },
    );
    const build = await this.jenkins.waitForBuild(queueUrl);
    log.info(`Build #${build.number}: ${build.url}`);
    await onBuild(build);
    const { result } = await this.jenkins.followBuild(build, {
      onText: () => {},
      onHeartbeat: s => log.info(`still destroying (${s} s)`),
    });
    if (result !== 'SUCCESS') {
      await this.setStatus(name, 'failed', {
        [ANNOTATIONS.lastRunUrl]: `${build.url}console`,
      });
      return result;
    }
    await this.removeFiles(name, `Delete expired environment ${name}`);
    return result;
  }

  static isSuccess(result: JenkinsResult) {
    return result === 'SUCCESS';
  }
}
