import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Compile and apply a database, then wait up to ten minutes for it to become Ready, streaming its conditions into the task log',
    example: yaml.stringify({
      steps: [
        {
          id: 'compile',
          action: 'platform:resource:compile',
          name: 'Compile the database',
          input: {
            kind: 'PostgreSQLInstance',
            tenant: 'payments',
            name: 'ledger-db',
            cluster: 'dev',
            parameters: { size: 'small' },
          },
        },
        {
          id: 'apply',
          action: 'platform:resource:apply',
          name: 'Apply the database',
          input: {
            manifest: '${{ steps.compile.output.manifest }}',
            cluster: '${{ steps.compile.output.cluster }}',
          },
        },
        {
          id: 'wait',
          action: 'platform:resource:wait',
          name: 'Wait until it is Ready',
          input: {
            cluster: '${{ steps.apply.output.cluster }}',
            tenant: 'payments',
            apiVersion: '${{ steps.apply.output.apiVersion }}',
            kind: '${{ steps.apply.output.kind }}',
            namespace: '${{ steps.apply.output.namespace }}',
            name: '${{ steps.apply.output.name }}',
            timeout: '10m',
          },
        },
      ],
    }),
  },
];
