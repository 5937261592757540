import type { Config } from '@backstage/config';
import { resolve } from 'node:path';

/** Where `platform:publish:local` writes, resolved at startup. */
export interface LocalPublishSettings {
  /** Absolute directory of the published repositories. */
  directory: string;
  /** Absolute target of the `file` catalog location that reads them. */
  catalogLocation: string;
}

/** Reads `platform.scaffolder.localPublish`; undefined when not configured. */
export function readLocalPublishConfig(
  config: Config,
  cwd: string = process.cwd(),
): LocalPublishSettings | undefined {
  const local = config.getOptionalConfig('platform.scaffolder.localPublish');
  if (!local) return undefined;
  const directory = resolve(cwd, local.getString('directory'));
  const catalogLocation = resolve(
    cwd,
    local.getOptionalString('catalogLocation') ??
      `${directory}/*/catalog-info.yaml`,
  );
  return { directory, catalogLocation };
}
