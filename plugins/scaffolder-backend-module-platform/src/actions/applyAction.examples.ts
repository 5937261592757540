import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Compile a cache, then apply it with server-side apply (a server-side dry run runs first)',
    example: yaml.stringify({
      steps: [
        {
          id: 'compile',
          action: 'platform:resource:compile',
          name: 'Compile the cache',
          input: {
            kind: 'Cache',
            tenant: 'payments',
            name: 'sessions',
            cluster: 'dev',
            parameters: { engine: 'redis', memoryMB: 512 },
          },
        },
        {
          id: 'apply',
          action: 'platform:resource:apply',
          name: 'Apply the cache',
          input: {
            manifest: '${{ steps.compile.output.manifest }}',
            cluster: '${{ steps.compile.output.cluster }}',
          },
        },
      ],
    }),
  },
];
