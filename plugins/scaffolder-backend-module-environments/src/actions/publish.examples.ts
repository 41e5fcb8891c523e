import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commits the files the render step wrote to the IaC repository; the commit id goes to the pipeline step.',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'platform:environment:publish',
          name: 'Commit to the IaC repository',
          input: { name: '${{ steps.render.output.name }}' },
        },
      ],
    }),
  },
];
