import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { ReactElement } from 'react';
import { PlatformApi, platformApiRef } from '../apis';
import { createTestSignals } from './signals';

/**
 * Renders an entity card in a test app with a platform API and, unless
 * `signals` is `false`, a test signal API.
 */
export function renderEntityCard(
  element: ReactElement,
  options: {
    entity: Entity;
    api: Partial<PlatformApi>;
    signals?: ReturnType<typeof createTestSignals> | false;
  },
) {
  const { entity, api } = options;
  const signals =
    options.signals === undefined ? createTestSignals() : options.signals;
  const card = <EntityProvider entity={entity}>{element}</EntityProvider>;
  return renderInTestApp(
    signals ? (
      <TestApiProvider
        apis={[
          [platformApiRef, api],
          [signalApiRef, signals.api],
        ]}
      >
        {card}
      </TestApiProvider>
    ) : (
      <TestApiProvider apis={[[platformApiRef, api]]}>{card}</TestApiProvider>
    ),
  );
}
