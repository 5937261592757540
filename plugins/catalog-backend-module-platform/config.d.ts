import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Fractal's platform entity provider: platform resources as `Resource`
       * entities owned by their tenants, platform kinds as `API` entities,
       * read from the platform backend's API. Every key is optional.
       */
      platform?: {
        /**
         * How often the provider reads the platform in full.
         * Default: every 30 seconds, 2 minute timeout, 10 second initial delay.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of platform resources whose namespace maps to no tenant, an
         * entity ref (kind defaults to group, namespace to default).
         * Default: group:default/platform-team.
         */
        fallbackOwner?: string;
        /** One `API` entity of type `crd` per platform kind. */
        kinds?: {
          /**
           * Provide the kinds as API entities (resources then depend on
           * their kind's API). Default: true.
           */
          enabled?: boolean;
          /** Owner of the kinds' API entities. Default: group:default/platform-team. */
          owner?: string;
          /** `spec.lifecycle` of the kinds' API entities. Default: production. */
          lifecycle?: string;
        };
        /** Scaffolder templates generated for kinds that have no hand-written template. */
        templates?: {
          /** Generate them. Default: true. */
          enabled?: boolean;
          /** Owner of the generated templates. Default: group:default/platform-team. */
          owner?: string;
        };
        /** Refreshing on the platform backend's `platform.resource` events. */
        events?: {
          /** Refresh about a second after a change instead of waiting for the schedule. Default: true. */
          enabled?: boolean;
        };
      };
    };
  };
}
