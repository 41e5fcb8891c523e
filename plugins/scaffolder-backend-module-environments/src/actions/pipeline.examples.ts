import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Applies a newly committed environment (terraform apply, Ansible) at the commit the publish step made; the commit is reverted when no build ran.',
    example: yaml.stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'platform:environment:pipeline',
          name: 'Run the Jenkins pipeline (terraform apply, Ansible)',
          input: {
            name: '${{ steps.render.output.name }}',
            action: 'apply',
            gitRef: '${{ steps.publish.output.commitSha }}',
            revertOnNoBuild: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Destroys an environment (terraform destroy) after the authorize step allowed it.',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'platform:environment:pipeline',
          name: 'Run the Jenkins pipeline (terraform destroy)',
          input: {
            name: '${{ steps.authorize.output.name }}',
            action: 'destroy',
          },
        },
      ],
    }),
  },
];
