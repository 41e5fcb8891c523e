import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Waits until the catalog shows the new environment; its entity ref is the output for the "Open the environment" link.',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'platform:environment:register',
          name: 'Register in the catalog',
          input: { name: '${{ steps.render.output.name }}' },
        },
      ],
    }),
  },
];
