import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import { examples } from './register.examples';

/** `platform:environment:register`: waits until the catalog shows the environment. */
export function createRegisterEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:register',
    description:
      'Has the catalog read the IaC repository now and waits until the environment entity is there.',
    examples,
    supportsDryRun: true,
    schema: {
      input: { name: z => z.string() },
      output: { entityRef: z => z.string() },
    },
    async handler(ctx) {
      const name = service.nameOf(ctx.input.name);
      ctx.output('entityRef', environmentEntityRef(name));
      if (ctx.isDryRun) return;
      await service.waitForCatalog(name, true, ctx.logger);
      ctx.logger.info(`${environmentEntityRef(name)} is in the catalog`);
    },
  });
}
