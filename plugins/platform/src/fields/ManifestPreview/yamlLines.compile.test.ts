import { compileManifest } from '@fractal/backstage-plugin-platform-common';
import { yamlLines } from './yamlLines';

/*
 * The preview tags lines with the provenance paths of the real compile (the
 * one `POST /compile` runs): every provenance entry must land on a line, and
 * every leaf line must carry the layer compile recorded for it.
 */
describe('yamlLines on the output of compileManifest', () => {
  const compiled = compileManifest({
    kind: {
      group: 'platform.fractal.dev',
      version: 'v1alpha1',
      kind: 'PostgreSQLInstance',
      plural: 'postgresqlinstances',
      scope: 'Namespaced',
      schema: {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              parameters: {
                type: 'object',
                properties: {
                  version: { type: 'string', default: '15' },
                  storageGB: { type: 'integer', minimum: 1, maximum: 1000 },
                  highAvailability: { type: 'boolean' },
                  extensions: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
    name: 'orders-db',
    tenant: 'payments',
    namespace: 'tenant-payments',
    environment: 'production',
    cluster: 'prod-eu',
    owner: 'group:default/payments',
    requestedBy: 'user:default/ada',
    defaults: {
      platform: {
        spec: { parameters: { version: '16', extensions: ['pgcrypto'] } },
      },
      environment: { spec: { parameters: { highAvailability: true } } },
      tenant: { spec: { parameters: { storageGB: 50 } } },
    },
    user: { spec: { parameters: { extensions: ['postgis', 'pg_trgm'] } } },
  });

  const lines = yamlLines(compiled.yaml, compiled.provenance);

  it('puts every provenance entry on a line', () => {
    const tagged = new Set(lines.map(l => l.path).filter(Boolean));
    const untagged = compiled.provenance.filter(e => !tagged.has(e.path));
    expect(untagged).toEqual([]);
  });

  it.each([
    ['version: "16"', 'platform'],
    ['storageGB: 50', 'tenant'],
    ['highAvailability: true', 'environment'],
    ['- postgis', 'user'],
    ['- pg_trgm', 'user'],
    ['name: orders-db', 'fractal'],
  ])('tags `%s` with the %s layer', (text, layer) => {
    const line = lines.find(l => l.text.trim() === text);
    expect(line?.layer).toBe(layer);
  });
});
