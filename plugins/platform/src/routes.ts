import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The scoreboard page. */
export const rootRouteRef = createRouteRef({ id: 'platform' });

/**
 * Where users create platform resources: the software templates. Bound to
 * the scaffolder's root by default; optional (without it, empty states
 * explain the way in words only).
 */
export const createResourceRouteRef = createExternalRouteRef({
  id: 'platform-create-resource',
  optional: true,
  defaultTarget: 'scaffolder.root',
});
