import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { ENVIRONMENT_ANNOTATIONS as ANNOTATIONS } from '@internal/plugin-environments-common';
import type { EnvironmentService } from '@internal/plugin-environments-node';
import { examples } from './authorize.examples';

/** `platform:environment:authorize`: the delete path's first step. */
export function createAuthorizeEnvironmentChangeAction(
  service: EnvironmentService,
) {
  return createTemplateAction({
    id: 'platform:environment:authorize',
    description:
      'Checks that the environment exists, the confirmation matches its name, and the user owns it or is a platform admin.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: z => z.string().describe('Entity ref or name'),
        confirmation: z => z.string().optional(),
      },
      output: { name: z => z.string() },
    },
    async handler(ctx) {
      const { name, entity } = await service.authorizeChange(
        ctx.input.environment,
        await ctx.getInitiatorCredentials(),
      );
      if (
        ctx.input.confirmation !== undefined &&
        ctx.input.confirmation !== name
      ) {
        throw new InputError(
          `Type the environment's name ${name} to confirm; got ${JSON.stringify(
            ctx.input.confirmation,
          )}`,
        );
      }
      if (entity.metadata.annotations?.[ANNOTATIONS.status] === 'destroying') {
        ctx.logger.warn(
          `${name} is already being destroyed; running the destroy again`,
        );
      }
      ctx.logger.info(
        `Allowed to delete ${name} (owner ${entity.spec?.owner})`,
      );
      ctx.output('name', name);
    },
  });
}
