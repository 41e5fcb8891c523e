import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  IacRepository,
  readEnvironmentEntities,
} from '@internal/plugin-environments-node';

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

  /** Kept from the first release: the catalog files the entities under this name. */
  getProviderName() {
    return 'platform-environments';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
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
    const entities = await readEnvironmentEntities(this.repo, this.logger);
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(`Environments in the IaC repository: ${entities.length}`);
  }
}
