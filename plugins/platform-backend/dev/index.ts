import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A development backend with only the platform plugin, against the clusters of
// the repository's app-config.yaml (the local cluster emulator: start it with
// `yarn workspace @fractal/cluster-emulator start` first).
//
// Auth, permissions and the catalog are mocked: every request is allowed, as
// the mock user. Try:
//
//   curl http://localhost:7007/api/platform/clusters
//   curl http://localhost:7007/api/platform/kinds
//   curl 'http://localhost:7007/api/platform/resources?tenant=payments'

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.permissions.factory());
backend.add(
  catalogServiceMock.factory({
    entities: ['payments', 'checkout', 'search', 'identity', 'analytics', 'platform-team'].map(
      name => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name, namespace: 'default' },
        spec: { type: 'team', children: [] },
      }),
    ),
  }),
);
backend.add(import('../src'));

backend.start();
