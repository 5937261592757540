import { ConflictError } from '@backstage/errors';
import type {
  PlatformDefaultsLayers,
  PlatformDefaultsQuery,
  PlatformDefaultsSource,
} from './PlatformDefaultsSource';

/**
 * A defaults source, or a factory that receives the default (config) source
 * so it can wrap or extend it.
 *
 * @public
 */
export type PlatformDefaultsSourceFactory =
  | PlatformDefaultsSource
  | ((options: {
      getDefault: () => PlatformDefaultsSource;
    }) => PlatformDefaultsSource);

/**
 * The layered defaults every compile uses (the scaffolder actions and the
 * platform backend's `POST /compile`), served by
 * {@link platformDefaultsServiceRef}.
 *
 * @public
 */
export interface PlatformDefaultsService extends PlatformDefaultsSource {
  /**
   * Replaces or wraps the config source. The platform backend calls it with
   * what a module set through `platformDefaultsExtensionPoint`; it may be
   * called once.
   */
  setSource(source: PlatformDefaultsSourceFactory): void;
}

/**
 * The default {@link PlatformDefaultsService}: delegates to the config source
 * until a module supplies another.
 *
 * @public
 */
export class DefaultPlatformDefaultsService implements PlatformDefaultsService {
  private source: PlatformDefaultsSource;
  private replaced = false;

  constructor(private readonly defaultSource: PlatformDefaultsSource) {
    this.source = defaultSource;
  }

  setSource(source: PlatformDefaultsSourceFactory): void {
    if (this.replaced) {
      throw new ConflictError(
        'The platform defaults source has already been set; only one module may set it',
      );
    }
    this.replaced = true;
    this.source =
      typeof source === 'function'
        ? source({ getDefault: () => this.defaultSource })
        : source;
  }

  getDefaults(query: PlatformDefaultsQuery): Promise<PlatformDefaultsLayers> {
    return this.source.getDefaults(query);
  }
}
