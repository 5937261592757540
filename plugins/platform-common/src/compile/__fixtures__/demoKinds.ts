import { readFileSync } from 'fs';
import { join } from 'path';
import type { JsonObject } from '../../api/types';
import { kindFromCrd } from '../kindFromCrd';
import type { CompileManifestInput, PlatformKindDefinition } from '../types';

/** The demo CRDs of this folder, by kind (tests and benchmarks only). */
export type DemoKind =
  | 'PostgreSQLInstance'
  | 'Bucket'
  | 'Cache'
  | 'Application';

const FILES: Record<DemoKind, string> = {
  PostgreSQLInstance: 'postgresqlinstances.platform.fractal.dev.json',
  Bucket: 'buckets.platform.fractal.dev.json',
  Cache: 'caches.platform.fractal.dev.json',
  Application: 'applications.platform.fractal.dev.json',
};

export function loadCrd(kind: DemoKind): JsonObject {
  return JSON.parse(readFileSync(join(__dirname, 'crds', FILES[kind]), 'utf8'));
}

const definitions = new Map<DemoKind, PlatformKindDefinition>();

/** The kind definition of a demo CRD, read once (treat it as read-only). */
export function loadDemoKind(kind: DemoKind): PlatformKindDefinition {
  let definition = definitions.get(kind);
  if (!definition) {
    definition = kindFromCrd(loadCrd(kind));
    if (!definition) throw new Error(`fixture CRD for ${kind} is incomplete`);
    definitions.set(kind, definition);
  }
  return definition;
}

/** A valid compile input for a demo kind, for tenant payments in development. */
export function demoInput(
  kind: DemoKind,
  overrides: Partial<CompileManifestInput> = {},
): CompileManifestInput {
  return {
    kind: loadDemoKind(kind),
    name: 'orders-db',
    tenant: 'payments',
    namespace: 'tenant-payments',
    environment: 'development',
    cluster: 'dev',
    owner: 'group:default/payments',
    requestedBy: 'user:default/ada',
    template: 'template:default/postgresql-instance',
    ...overrides,
  };
}
