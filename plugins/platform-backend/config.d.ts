/**
 * Configuration of the platform backend plugin. The cluster, kind, tenant and
 * informer keys (`platform.clusters`, `platform.kinds`, `platform.tenants`,
 * `platform.informers`) are declared by `@fractal/backstage-plugin-platform-node`.
 */
export interface Config {
  platform?: {
    /**
     * The platform team Group, as a name (`platform-team`) or an entity ref
     * (`group:default/platform-team`). Its members receive every status push;
     * the demo permission policy grants them `platform.admin`.
     * Default `platform-team`.
     */
    platformTeam?: string;

    // ---- provisioning history and metrics (src/history, src/metrics) ----
    /** Provisioning history, stuck detection, notifications and the scoreboard. */
    provisioning?: {
      /**
       * Time to Ready after which an unfinished provisioning attempt counts as
       * stuck (and the requester and tenant are notified), by platform kind,
       * with `default` for the others. A duration: `10m`, `PT15M` or
       * `{ minutes: 10 }`. Default `10m`.
       */
      slo?: {
        [kind: string]: string | import('@backstage/types').HumanDuration;
      };
      /**
       * Minutes of manual work one provisioning through the portal saves, by
       * platform kind, with `default` for the others (>= 0). Feeds the
       * scoreboard's toil hours eliminated. Default 120.
       */
      manualMinutesSaved?: { [kind: string]: number };
      /**
       * How often open attempts are checked against their SLO. Default `1m`.
       */
      stuckCheckInterval?: string | import('@backstage/types').HumanDuration;
      /**
       * How long a `Synced=False` condition with reason `ReconcileError` must
       * last (from its `lastTransitionTime`) before the resource counts as
       * Failed, in the status the API serves and in the provisioning history.
       * A failed attempt's `failedAt` is when the error began, not when this
       * period ran out. A duration, zero or more. Default `5m`.
       */
      failureGracePeriod?: string | import('@backstage/types').HumanDuration;
      /** Notifications on Ready, failure and stuck. */
      notifications?: {
        /** Default true. */
        enabled?: boolean;
      };
    };
  };
}
