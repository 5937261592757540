import {
  InfoCard,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ENTITY_ANNOTATION_PLATFORM_RESOURCE,
  ResourceDetails,
} from '@fractal/backstage-plugin-platform-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { platformApiRef } from '../../apis';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { useNow } from '../../hooks/useNow';
import { formatAge } from '../../utils/format';
import {
  latestAttempts,
  provisioningText,
} from '../PlatformResourcesCard/provisioningTime';
import { ResourceDetailsDialog } from '../ResourceDetails';
import { StatusChip, statusDetail } from '../StatusChip';
import { UpdatedAgo } from '../UpdatedAgo';
import { platformResourceOf } from './platformResourceAnnotation';
import { StaleDataAlert } from '../StaleDataAlert';

function countNodes(details: ResourceDetails): {
  total: number;
  ready: number;
} {
  let total = 0;
  let ready = 0;
  const visit = (node: ResourceDetails['tree']) => {
    total += 1;
    if (node.status.state === 'Ready') {
      ready += 1;
    }
    node.children.forEach(visit);
  };
  visit(details.tree);
  return { total, ready };
}

function StatusSummary(props: {
  details: ResourceDetails;
  now: number;
  onOpen: () => void;
}) {
  const { details, now, onOpen } = props;
  const { resource } = details;
  const attempt = latestAttempts(details.attempts).values().next().value;
  const nodes = countNodes(details);
  const detail = statusDetail(resource.status);
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" alignItems="center" gap={1}>
        <StatusChip status={resource.status} size="medium" />
        <Typography variant="body2" color="text.secondary">
          {resource.ref.kind} in {resource.ref.cluster}
          {resource.ref.namespace ? ` / ${resource.ref.namespace}` : ''}
        </Typography>
      </Stack>
      {detail && <Typography variant="body2">{detail}</Typography>}
      <Typography variant="body2">
        Provisioning time: {provisioningText(attempt, now)} · Age:{' '}
        {formatAge(resource.createdAt, now)}
      </Typography>
      <Typography variant="body2">
        {nodes.ready} of {nodes.total} objects in its tree are Ready ·{' '}
        {details.events.filter(e => e.type === 'Warning').length} warning Events
      </Typography>
      <Box>
        <Button variant="outlined" size="small" onClick={onOpen}>
          Show tree and Events
        </Button>
      </Box>
    </Stack>
  );
}

/**
 * Live status of the platform resource a generated `Resource` entity stands
 * for (annotation `fractal.dev/platform-resource: <cluster>/<uid>`).
 *
 * @public
 */
export function ResourceStatusCard() {
  const { entity } = useEntity();
  const target = platformResourceOf(entity);
  const api = useApi(platformApiRef);
  const now = useNow(10_000);
  const [open, setOpen] = useState(false);
  const { value, error, loading, updatedAt, live, refresh } = useLiveQuery(
    async () =>
      target ? api.getResource(target.cluster, target.uid) : undefined,
    [api, target?.cluster, target?.uid],
    {
      isRelevant: signal =>
        signal.cluster === target?.cluster && signal.uid === target?.uid,
    },
  );
  if (!target) {
    return (
      <MissingAnnotationEmptyState
        annotation={ENTITY_ANNOTATION_PLATFORM_RESOURCE}
      />
    );
  }
  let content;
  if (loading) {
    content = <Progress />;
  } else if (!value) {
    content = error ? <ResponseErrorPanel error={error} /> : null;
  } else {
    content = (
      <>
        <StaleDataAlert error={error} />
        <StatusSummary details={value} now={now} onOpen={() => setOpen(true)} />
      </>
    );
  }
  return (
    <InfoCard
      title="Platform status"
      subheader={
        loading ? undefined : (
          <UpdatedAgo updatedAt={updatedAt} live={live} onRefresh={refresh} />
        )
      }
    >
      {content}
      <ResourceDetailsDialog
        target={
          open && value
            ? {
                ...target,
                title: `${value.resource.ref.kind} ${value.resource.ref.name} (${target.cluster})`,
              }
            : undefined
        }
        onClose={() => setOpen(false)}
      />
    </InfoCard>
  );
}
