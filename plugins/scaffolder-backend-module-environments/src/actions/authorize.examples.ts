import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "The delete template's first step: the environment exists, the typed confirmation is its name, and the user owns it or is a platform admin.",
    example: yaml.stringify({
      steps: [
        {
          id: 'authorize',
          action: 'platform:environment:authorize',
          name: 'Check the environment and your right to delete it',
          input: {
            environment: '${{ parameters.environment }}',
            confirmation: '${{ parameters.confirmation }}',
          },
        },
      ],
    }),
  },
];
