import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Compile a PostgreSQL database for the payments team from the form's parameters; the platform, environment and tenant defaults fill the rest",
    example: yaml.stringify({
      steps: [
        {
          id: 'compile',
          action: 'platform:resource:compile',
          name: 'Compile the database',
          input: {
            kind: 'PostgreSQLInstance',
            tenant: 'payments',
            name: 'orders-db',
            cluster: 'dev',
            parameters: { storageGB: 50, size: 'medium' },
          },
        },
      ],
    }),
  },
  {
    description:
      'Compile a bucket and write its YAML into the workspace, to publish it to a GitOps repository with the standard publish actions',
    example: yaml.stringify({
      steps: [
        {
          id: 'compile',
          action: 'platform:resource:compile',
          name: 'Compile the bucket',
          input: {
            kind: 'Bucket',
            tenant: 'group:default/payments',
            name: 'invoices',
            environment: 'development',
            parameters: { region: 'eu-central-1', versioning: true },
            writeTo: 'platform/invoices.yaml',
            reportSuccess: true,
          },
        },
      ],
    }),
  },
];
