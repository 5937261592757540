import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import { useState } from 'react';
import { useNow } from '../../hooks/useNow';
import { createResourceRouteRef } from '../../routes';
import { ResourceDetailsDialog } from '../ResourceDetails';
import { UpdatedAgo } from '../UpdatedAgo';
import { ResourcesTable } from './ResourcesTable';
import { useEntityResources } from './useEntityResources';
import { StaleDataAlert } from '../StaleDataAlert';

function EmptyResources() {
  const createLink = useRouteRef(createResourceRouteRef);
  return (
    <EmptyState
      missing="content"
      title="No platform resources yet"
      description={
        createLink
          ? 'Databases, buckets, caches and applications are created from the software templates: pick one, fill in a short form, and the resource appears here with its live status.'
          : 'Databases, buckets, caches and applications are created from the software templates (Create… in the sidebar): pick one, fill in a short form, and the resource appears here with its live status.'
      }
      action={
        createLink ? (
          <Link to={createLink()}>Create a platform resource</Link>
        ) : undefined
      }
    />
  );
}

/**
 * The platform resources of the current entity (a Component, System or
 * Group): kind, name, cluster, live status, provisioning time and age. A
 * resource's name opens its tree, Events and history.
 *
 * @public
 */
export function PlatformResourcesCard() {
  const { entity } = useEntity();
  const now = useNow(10_000);
  const { value, error, loading, updatedAt, live, refresh } =
    useEntityResources(entity);
  const [selected, setSelected] = useState<{
    cluster: string;
    uid: string;
    title: string;
  }>();

  let content;
  if (loading) {
    content = <Progress />;
  } else if (!value) {
    content = error ? <ResponseErrorPanel error={error} /> : null;
  } else if (value.resources.length === 0) {
    content = <EmptyResources />;
  } else {
    content = (
      <>
        <StaleDataAlert error={error} />
        {value.historyError && (
          <Alert severity="info" sx={{ mb: 1 }}>
            Provisioning times are unavailable: {value.historyError.message}
          </Alert>
        )}
        <ResourcesTable
          resources={value.resources}
          attempts={value.attempts}
          now={now}
          onSelect={r =>
            setSelected({
              cluster: r.ref.cluster,
              uid: r.ref.uid,
              title: `${r.ref.kind} ${r.ref.name} (${r.ref.cluster})`,
            })
          }
        />
      </>
    );
  }

  return (
    <InfoCard
      title="Platform resources"
      subheader={
        loading ? undefined : (
          <UpdatedAgo updatedAt={updatedAt} live={live} onRefresh={refresh} />
        )
      }
      noPadding={!!value && value.resources.length > 0}
    >
      {content}
      <ResourceDetailsDialog
        target={selected}
        onClose={() => setSelected(undefined)}
      />
    </InfoCard>
  );
}
