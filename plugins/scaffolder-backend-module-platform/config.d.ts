/**
 * Configuration of Fractal's scaffolder actions. The actions also read
 * `platform.clusters`, `platform.kinds`, `platform.tenants` and
 * `platform.defaults`, declared by `@fractal/backstage-plugin-platform-node`.
 */
export interface Config {
  platform?: {
    scaffolder?: {
      /**
       * Where `platform:publish:local` publishes new repositories (local
       * development and demos without a Git host). Without it the action
       * refuses to run.
       */
      localPublish?: {
        /** Directory of the repositories, relative to the backend's working directory. */
        directory: string;
        /**
         * The catalog location (a `file` glob in `catalog.locations`) that
         * picks up the published `catalog-info.yaml` files; refreshed after
         * each publish. Default `<directory>/*\/catalog-info.yaml`.
         */
        catalogLocation?: string;
      };
    };
  };
}
