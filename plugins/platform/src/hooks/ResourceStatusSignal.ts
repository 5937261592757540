import type { ResourceState } from '@fractal/backstage-plugin-platform-common';

/**
 * Payload of the `platform:resource-status` signal: only enough to tell which
 * data changed; clients refetch through the API.
 *
 * @public
 */
export type ResourceStatusSignal = {
  cluster: string;
  uid: string;
  tenant: string;
  state: ResourceState;
};
