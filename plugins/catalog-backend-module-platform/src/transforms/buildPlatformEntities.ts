import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  PlatformKind,
  PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import type { DeferredEntity } from '@backstage/plugin-catalog-node';
import type { PlatformProviderConfig } from '../config/readPlatformProviderConfig';
import { isCovered } from './coveredKinds';
import { kindApiEntityRef, kindToApiEntity } from './kindToApiEntity';
import { kindToTemplateEntity } from './kindToTemplateEntity';
import { resourceToEntity } from './resourceToEntity';

/** What the platform backend returned in one read. */
export interface PlatformSnapshot {
  kinds: PlatformKind[];
  resources: PlatformResource[];
  /**
   * `fractal.dev/kind` values of hand-written templates (see `coveredKinds`);
   * undefined when unknown, and then no template is generated.
   */
  coveredKinds?: ReadonlySet<string>;
}

/** The entities of one snapshot. */
export interface PlatformEntities {
  entities: DeferredEntity[];
  /** Refs produced twice (the first one is kept). */
  duplicates: string[];
  counts: { resources: number; kinds: number; templates: number };
}

/** The API group of an `apiVersion`: `platform.fractal.dev/v1alpha1` -> `platform.fractal.dev`, `v1` -> ``. */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const kindKey = (group: string, kind: string) => `${group}/${kind}`;

/**
 * Every entity the module provides for one snapshot of the platform: a
 * `Resource` per platform resource and, when enabled, an `API` per kind (which
 * the resources of that kind depend on) and a `Template` per kind that no
 * hand-written template covers. Pure; the provider applies the result.
 */
export function buildPlatformEntities(
  snapshot: PlatformSnapshot,
  config: Pick<PlatformProviderConfig, 'fallbackOwner' | 'kinds' | 'templates'>,
): PlatformEntities {
  const kindsByKey = new Map(
    snapshot.kinds.map(kind => [kindKey(kind.group, kind.kind), kind]),
  );
  const entities: Entity[] = [];
  if (config.kinds.enabled) {
    for (const kind of snapshot.kinds) {
      entities.push(
        kindToApiEntity(kind, {
          owner: config.kinds.owner,
          lifecycle: config.kinds.lifecycle,
        }),
      );
    }
  }
  let templates = 0;
  if (config.templates.enabled && snapshot.coveredKinds) {
    for (const kind of snapshot.kinds) {
      if (!isCovered(kind, snapshot.coveredKinds)) {
        entities.push(kindToTemplateEntity(kind, { owner: config.templates.owner }));
        templates++;
      }
    }
  }
  for (const resource of snapshot.resources) {
    const kind = kindsByKey.get(
      kindKey(groupOf(resource.ref.apiVersion), resource.ref.kind),
    );
    entities.push(
      resourceToEntity(resource, {
        fallbackOwner: config.fallbackOwner,
        kind,
        kindApiEntityRef:
          kind && config.kinds.enabled ? kindApiEntityRef(kind) : undefined,
      }),
    );
  }

  const seen = new Set<string>();
  const duplicates: string[] = [];
  const deferred: DeferredEntity[] = [];
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    if (seen.has(ref)) {
      duplicates.push(ref);
      continue;
    }
    seen.add(ref);
    deferred.push({
      entity,
      locationKey: entity.metadata.annotations?.[ANNOTATION_LOCATION],
    });
  }
  return {
    entities: deferred,
    duplicates,
    counts: {
      resources: snapshot.resources.length,
      kinds: config.kinds.enabled ? snapshot.kinds.length : 0,
      templates,
    },
  };
}
