import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { examples } from './render.examples';

/**
 * `platform:environment:render`: checks the request (name, uniqueness,
 * who may ask for what) and writes the environment's files into the
 * workspace. Dry-run renders only.
 */
export function createRenderEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:render',
    description:
      'Validates an environment request and renders its Terraform variables, Ansible variables and catalog-info.yaml into the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      // Loose on purpose: the checks below refuse bad values with a message
      // people understand, instead of a JSON-schema error.
      input: {
        name: z =>
          z
            .unknown()
            .describe('Environment name (DNS label, at most 20 characters)'),
        purpose: z => z.unknown().describe('dev, test, staging or prod'),
        owner: z => z.unknown().describe('Owner group entity ref'),
        region: z => z.unknown(),
        kubernetesVersion: z => z.unknown(),
        instanceType: z => z.unknown(),
        minNodes: z => z.unknown(),
        desiredNodes: z => z.unknown(),
        maxNodes: z => z.unknown(),
        addOns: z => z.unknown().optional(),
        ttlDays: z => z.unknown().optional(),
      },
      output: {
        name: z => z.string(),
        entityRef: z => z.string(),
        files: z => z.array(z.string()),
        expiresAt: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const request = await service.validateCreate(
        ctx.input as Record<string, unknown>,
        await ctx.getInitiatorCredentials(),
      );
      if (!ctx.isDryRun) {
        // Before anything is committed: is Jenkins there and does it take our credentials?
        await service.jenkins.checkJob();
      }
      const files = service.render(request);
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(ctx.workspacePath, file);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content, 'utf8');
        ctx.logger.info(`Rendered ${file}`);
      }
      ctx.output('name', request.name);
      ctx.output('entityRef', environmentEntityRef(request.name));
      ctx.output('files', Object.keys(files));
      if (request.expiresAt) ctx.output('expiresAt', request.expiresAt);
    },
  });
}
