import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { parse } from 'yaml';
import { nameProblems } from '../environment/EnvironmentRequest';
import { IacRepository } from '../git/IacRepository';

/**
 * Puts the environments committed in the IaC repository into the catalog:
 * the repository is the one source of truth, so an environment is in the
 * catalog exactly while its files are in Git (no orphaned entities after a
 * delete, nothing registered for a request that never got committed).
 */
export class EnvironmentEntityProvider implements EntityProvider {
  private readonly repo: IacRepository;
  private readonly logger: LoggerService;
  private connection?: EntityProviderConnection;
  private running?: Promise<void>;
  private again = false;

  constructor(repo: IacRepository, logger: LoggerService) {
    this.repo = repo;
    this.logger = logger;
  }

  getProviderName() {
    return 'platform-environments';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  private locationOf(file: string) {
    const url = this.repo.url.replace(/\/\/[^@/]+@/, '//');
    return /^https?:\/\//.test(url)
      ? `url:${url.replace(/\.git$/, '')}/blob/${this.repo.branch}/${file}`
      : `file:${url}/${file}`;
  }

  /** Reads the repository and replaces every environment entity. Calls overlapping a run coalesce. */
  async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.readOnce();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async readOnce() {
    if (!this.connection) return;
    const files = await this.repo.readTree('environments');
    const entities: Entity[] = [];
    for (const [file, text] of Object.entries(files)) {
      const match = /^environments\/([^/]+)\/catalog-info\.yaml$/.exec(file);
      if (!match) continue;
      try {
        const entity = parse(text) as Entity;
        if (
          nameProblems(match[1]).length ||
          entity?.kind !== 'Resource' ||
          entity.metadata?.name !== match[1] ||
          entity.spec?.type !== 'kubernetes-cluster'
        ) {
          this.logger.warn(`Skipping ${file}: not an environment Resource named after its directory`);
          continue;
        }
        const location = this.locationOf(file);
        entity.metadata.namespace = 'default';
        entity.metadata.annotations = {
          ...entity.metadata.annotations,
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
        };
        entities.push(entity);
      } catch (error) {
        this.logger.warn(`Skipping ${file}: ${error}`);
      }
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: this.getProviderName() })),
    });
    this.logger.debug(`Environments in the IaC repository: ${entities.length}`);
  }
}
