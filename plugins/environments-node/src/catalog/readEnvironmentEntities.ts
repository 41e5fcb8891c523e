import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import { splitEnvironmentEntity } from '@internal/plugin-environments-common';
import { nameProblems } from '../environment/EnvironmentRequest';
import { IacRepository } from '../git/IacRepository';

/** Where the catalog says an environment's entity comes from (no credentials in it). */
function locationOf(repo: IacRepository, file: string) {
  const url = repo.url.replace(/\/\/[^@/]+@/, '//');
  return /^https?:\/\//.test(url)
    ? `url:${url.replace(/\.git$/, '')}/blob/${repo.branch}/${file}`
    : `file:${url}/${file}`;
}

/**
 * The environments committed in the IaC repository, as catalog entities:
 * every `environments/{name}/catalog-info.yaml` that is a Resource of type
 * environment (or the older kubernetes-cluster) named after its directory,
 * as the environment and its cluster Resource (splitEnvironmentEntity).
 * Other files are skipped with a warning.
 */
export async function readEnvironmentEntities(
  repo: IacRepository,
  logger: LoggerService,
): Promise<Entity[]> {
  const files = await repo.readTree('environments');
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
        !['environment', 'kubernetes-cluster'].includes(
          String(entity.spec?.type),
        )
      ) {
        logger.warn(
          `Skipping ${file}: not an environment Resource named after its directory`,
        );
        continue;
      }
      const location = locationOf(repo, file);
      entity.metadata.namespace = 'default';
      const managed = {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      };
      const { environment, cluster } = splitEnvironmentEntity(entity);
      for (const e of cluster ? [environment, cluster] : [environment]) {
        e.metadata.annotations = { ...e.metadata.annotations, ...managed };
        entities.push(e);
      }
    } catch (error) {
      logger.warn(`Skipping ${file}: ${error}`);
    }
  }
  return entities;
}
