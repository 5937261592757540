import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import { platformApiRef } from '../../apis';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { useNow } from '../../hooks/useNow';
import { UpdatedAgo } from '../UpdatedAgo';
import { ResourceDetailsView } from './ResourceDetailsView';
import { StaleDataAlert } from '../StaleDataAlert';

/**
 * Loads one resource's details and keeps them live: refetches when a status
 * signal names this resource.
 *
 * @public
 */
export function ResourceDetailsPanel(props: { cluster: string; uid: string }) {
  const { cluster, uid } = props;
  const api = useApi(platformApiRef);
  const now = useNow(10_000);
  const { value, error, loading, updatedAt, live, refresh } = useLiveQuery(
    () => api.getResource(cluster, uid),
    [api, cluster, uid],
    { isRelevant: signal => signal.cluster === cluster && signal.uid === uid },
  );
  if (loading) {
    return <Progress />;
  }
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : null;
  }
  return (
    <Box>
      <UpdatedAgo updatedAt={updatedAt} live={live} onRefresh={refresh} />
      <StaleDataAlert error={error} spacing="my" />
      <ResourceDetailsView details={value} now={now} />
    </Box>
  );
}
