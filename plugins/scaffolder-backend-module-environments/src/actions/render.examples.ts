import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Checks the request of the create-environment form and renders the environment files into the workspace.',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'platform:environment:render',
          name: 'Check and render the environment',
          input: {
            name: '${{ parameters.name }}',
            purpose: '${{ parameters.purpose }}',
            owner: '${{ parameters.owner }}',
            region: '${{ parameters.region }}',
            kubernetesVersion: '${{ parameters.kubernetesVersion }}',
            instanceType: '${{ parameters.instanceType }}',
            minNodes: '${{ parameters.minNodes }}',
            desiredNodes: '${{ parameters.desiredNodes }}',
            maxNodes: '${{ parameters.maxNodes }}',
            addOns: '${{ parameters.addOns }}',
            ttlDays: '${{ parameters.ttlDays }}',
          },
        },
      ],
    }),
  },
  {
    description: 'A fixed small dev environment that expires after 3 days.',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'platform:environment:render',
          name: 'Check and render dev-b',
          input: {
            name: 'dev-b',
            purpose: 'dev',
            owner: 'group:default/developers',
            region: 'ap-northeast-2',
            kubernetesVersion: '1.32',
            instanceType: 't3.large',
            minNodes: 1,
            desiredNodes: 2,
            maxNodes: 3,
            addOns: ['cluster-autoscaler', 'monitoring'],
            ttlDays: 3,
          },
        },
      ],
    }),
  },
];
