import { JsonObject } from '../util/json';
import { withObjectMeta } from '../schema/objectMetaSchema';
import { CONDITIONS_SCHEMA } from '../demo/claimSchemas';
import { FieldSet, fromFieldsV1, pathToString, toFieldsV1 } from './FieldSet';
import {
  decodeManagedFields,
  encodeManagedFields,
  serverSideApply,
  trackUpdate,
  TrackedWrite,
} from './managedFields';
import { toFieldSet } from './structuredValues';

const schema = withObjectMeta({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port'],
          items: {
            type: 'object',
            properties: { port: { type: 'integer' }, name: { type: 'string' } },
          },
        },
        tags: {
          type: 'array',
          'x-kubernetes-list-type': 'set',
          items: { type: 'string' },
        },
        args: { type: 'array', items: { type: 'string' } },
      },
    },
    status: { type: 'object', properties: { conditions: CONDITIONS_SCHEMA } },
  },
});

function write(
  managers: TrackedWrite['managers'],
  manager: string,
): TrackedWrite {
  return {
    managers,
    manager,
    apiVersion: 'example.com/v1',
    scope: 'main',
    statusSubresource: true,
    schema,
    now: '2025-01-01T00:00:00Z',
  };
}

const base = (spec: JsonObject, labels?: JsonObject): JsonObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Thing',
  metadata: { name: 'x', ...(labels ? { labels } : {}) },
  spec,
});

describe('field sets', () => {
  it('round-trips fieldsV1 with "." for members that have children', () => {
    const fields = {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:ports': { 'k:{"port":80}': { '.': {}, 'f:name': {}, 'f:port': {} } },
        'f:tags': { 'v:"a"': {} },
      },
    };
    expect(toFieldsV1(fromFieldsV1(fields))).toEqual(fields);
  });

  it('collects applied fields: leaves, map-list items, set values, atomic lists', () => {
    const set = toFieldSet(
      base({
        replicas: 2,
        ports: [{ port: 80, name: 'http' }],
        tags: ['a'],
        args: ['x', 'y'],
      }),
      schema,
    );
    expect(set.values().map(pathToString).sort()).toEqual(
      [
        '.apiVersion',
        '.kind',
        '.metadata.name',
        '.spec.args',
        '.spec.ports[port=80]',
        '.spec.ports[port=80].name',
        '.spec.ports[port=80].port',
        '.spec.replicas',
        '.spec.tags[="a"]',
      ].sort(),
    );
  });
});

describe('managed fields', () => {
  it('gives a creator the fields it set, maps marked as members', () => {
    const managers = trackUpdate(
      write(new Map(), 'kubectl-create'),
      undefined,
      base({ replicas: 1 }, { app: 'a' }),
    );
    expect(encodeManagedFields(managers)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'example.com/v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': { 'f:replicas': {} },
        },
      },
    ]);
  });

  it('moves ownership of changed fields to the updater', () => {
    const live = base({ replicas: 1, args: ['a'] });
    const created = trackUpdate(write(new Map(), 'creator'), undefined, live);
    const updated = trackUpdate(
      write(created, 'editor'),
      live,
      base({ replicas: 3, args: ['a'] }),
    );
    const byName = Object.fromEntries(
      [...updated.values()].map(r => [
        r.manager,
        r.set.values().map(pathToString).sort(),
      ]),
    );
    expect(byName).toEqual({
      creator: ['.spec.args'],
      editor: ['.spec.replicas'],
    });
  });

  it('lets appliers share a field with the same value and conflict on a different one', () => {
    const live = serverSideApply(
      { ...write(new Map(), 'a'), force: false },
      undefined,
      base({ replicas: 1 }),
    ).object;
    let managers = decodeManagedFields({
      metadata: {
        managedFields: encodeManagedFields(
          serverSideApply(
            { ...write(new Map(), 'a'), force: false },
            undefined,
            base({ replicas: 1 }),
          ).managers,
        ),
      },
    });
    const shared = serverSideApply(
      { ...write(managers, 'b'), force: false },
      live,
      base({ replicas: 1 }),
    );
    expect([...shared.managers.values()].map(r => r.manager).sort()).toEqual([
      'a',
      'b',
    ]);
    managers = shared.managers;
    expect(() =>
      serverSideApply(
        { ...write(managers, 'b'), force: false },
        live,
        base({ replicas: 2 }),
      ),
    ).toThrow(
      'Apply failed with 1 conflict: conflict with "a": .spec.replicas',
    );
    const forced = serverSideApply(
      { ...write(managers, 'b'), force: true },
      live,
      base({ replicas: 2 }),
    );
    expect(forced.object.spec).toEqual({ replicas: 2 });
    // "a" owned nothing else, so it is no longer a manager at all.
    expect([...forced.managers.values()].map(r => r.manager)).toEqual(['b']);
  });

  it('merges map lists by key and removes what an applier stops applying', () => {
    const first = serverSideApply(
      { ...write(new Map(), 'a'), force: false },
      undefined,
      base({
        ports: [
          { port: 80, name: 'http' },
          { port: 443, name: 'https' },
        ],
        tags: ['x'],
      }),
    );
    const second = serverSideApply(
      { ...write(first.managers, 'a'), force: false },
      first.object,
      base({ ports: [{ port: 80, name: 'web' }], tags: ['x'] }),
    );
    expect(second.object.spec).toEqual({
      ports: [{ port: 80, name: 'web' }],
      tags: ['x'],
    });
    const other = serverSideApply(
      { ...write(second.managers, 'b'), force: false },
      second.object,
      base({ tags: ['y'] }),
    );
    expect((other.object.spec as JsonObject).tags).toEqual(['x', 'y']);
  });

  it('reports several conflicts grouped by manager', () => {
    const live = base({ replicas: 1, args: ['a'] });
    const managers = trackUpdate(write(new Map(), 'editor'), undefined, live);
    expect(() =>
      serverSideApply(
        { ...write(managers, 'fractal'), force: false },
        live,
        base({ replicas: 2, args: ['b'] }),
      ),
    ).toThrow(
      'Apply failed with 2 conflicts: conflicts with "editor" using example.com/v1:\n- .spec.args\n- .spec.replicas',
    );
  });

  it('keeps a FieldSet free of duplicates', () => {
    const set = FieldSet.of([['f:a'], ['f:a'], ['f:b']]);
    expect(set.size).toBe(2);
  });
});
