import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render a skeleton and publish it as a local Git repository whose catalog-info.yaml the catalog then reads',
    example: yaml.stringify({
      steps: [
        {
          id: 'fetch',
          action: 'fetch:template',
          name: 'Render the skeleton',
          input: { url: './skeleton', values: { name: 'orders-api' } },
        },
        {
          id: 'publish',
          action: 'platform:publish:local',
          name: 'Publish the repository',
          input: { name: 'orders-api' },
        },
      ],
    }),
  },
];
