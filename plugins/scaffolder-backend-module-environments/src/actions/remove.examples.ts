import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'After the destroy build: removes the environment from the IaC repository and waits until the catalog drops it.',
    example: yaml.stringify({
      steps: [
        {
          id: 'remove',
          action: 'platform:environment:remove',
          name: 'Remove from the IaC repository and the catalog',
          input: { name: '${{ steps.authorize.output.name }}' },
        },
      ],
    }),
  },
];
