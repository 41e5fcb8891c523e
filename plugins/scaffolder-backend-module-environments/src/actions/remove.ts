import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { NotAllowedError } from '@backstage/errors';
import { ENVIRONMENT_ANNOTATIONS as ANNOTATIONS } from '@internal/plugin-environments-common';
import {
  environmentDir,
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import { examples } from './remove.examples';

/** `platform:environment:remove`: removes the files and waits until the catalog drops the entity. */
export function createRemoveEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:remove',
    description:
      "Removes an environment's files from the IaC repository and waits until the catalog drops it.",
    examples,
    supportsDryRun: true,
    schema: {
      input: { name: z => z.string() },
    },
    async handler(ctx) {
      const { name } = await service.authorizeChange(
        ctx.input.name,
        await ctx.getInitiatorCredentials(),
      );
      // The repository, not the catalog (which may lag), says what was destroyed.
      const committed = await service.readFromRepo(name);
      const status = committed?.metadata.annotations?.[ANNOTATIONS.status];
      if (committed && status !== 'destroying') {
        throw new NotAllowedError(
          `${name} has not been destroyed (status ${status}); refusing to forget it`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would remove ${environmentDir(name)}`);
        return;
      }
      await ctx.checkpoint({
        key: `remove-${name}`,
        fn: async () =>
          service.removeFiles(
            name,
            `Delete environment ${name}\n\nRequested by ${
              ctx.user?.ref ?? 'unknown user'
            } from the portal.`,
          ),
      });
      ctx.logger.info(
        `Removed ${environmentDir(name)} from the IaC repository`,
      );
      await service.waitForCatalog(name, false, ctx.logger);
      ctx.logger.info(`${environmentEntityRef(name)} is gone from the catalog`);
    },
  });
}
