import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import {
  ENTITY_ANNOTATION_KIND,
  type PlatformKind,
} from '@fractal/backstage-plugin-platform-common';
import { ENTITY_ANNOTATION_GENERATED, PLATFORM_LOCATION_TYPE } from '../entityKeys';

/**
 * The `fractal.dev/kind` values of hand-written templates: the kinds a
 * template of this module must not duplicate. Templates this module generated
 * itself (marked `fractal.dev/generated`, or managed by a `fractal-platform:`
 * location) do not count, or each would hide itself on the next refresh.
 */
export function coveredKinds(templates: readonly Entity[]): Set<string> {
  const covered = new Set<string>();
  for (const template of templates) {
    const annotations = template.metadata.annotations ?? {};
    const kind = annotations[ENTITY_ANNOTATION_KIND];
    const generated =
      annotations[ENTITY_ANNOTATION_GENERATED] === 'true' ||
      annotations[ANNOTATION_LOCATION]?.startsWith(`${PLATFORM_LOCATION_TYPE}:`);
    if (template.kind === 'Template' && kind && !generated) {
      covered.add(kind.trim());
    }
  }
  return covered;
}

/** True when a hand-written template covers the kind, by `Kind` or `<group>/<Kind>`. */
export function isCovered(
  kind: Pick<PlatformKind, 'group' | 'kind'>,
  covered: ReadonlySet<string>,
): boolean {
  return covered.has(kind.kind) || covered.has(`${kind.group}/${kind.kind}`);
}
