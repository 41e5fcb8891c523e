import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  environmentDir,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { examples } from './publish.examples';

/** `platform:environment:publish`: commits the rendered files to the IaC repository. */
export function createPublishEnvironmentAction(service: EnvironmentService) {
  return createTemplateAction({
    id: 'platform:environment:publish',
    description:
      "Commits and pushes an environment's rendered files to the IaC repository.",
    examples,
    supportsDryRun: true,
    schema: {
      input: { name: z => z.string() },
      output: { commitSha: z => z.string() },
    },
    async handler(ctx) {
      const name = service.nameOf(ctx.input.name);
      const dir = environmentDir(name);
      const files: Record<string, string> = {};
      for (const f of await fs.readdir(path.join(ctx.workspacePath, dir))) {
        files[`${dir}/${f}`] = await fs.readFile(
          path.join(ctx.workspacePath, dir, f),
          'utf8',
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit ${Object.keys(files).join(', ')} to ${
            service.repo.branch
          }`,
        );
        ctx.output('commitSha', 'dry-run');
        return;
      }
      const user = ctx.user?.ref ?? 'unknown user';
      const { sha } = await ctx.checkpoint({
        key: `commit-${name}`,
        // A name taken since render (another request at the same moment) is
        // refused on the branch the commit lands on.
        fn: async () =>
          service.commitFiles(
            name,
            files,
            `Create environment ${name}\n\nRequested by ${user} from the portal.`,
            { create: true },
          ),
      });
      ctx.logger.info(`Committed ${dir} to ${service.repo.branch} as ${sha}`);
      ctx.output('commitSha', sha);
    },
  });
}
