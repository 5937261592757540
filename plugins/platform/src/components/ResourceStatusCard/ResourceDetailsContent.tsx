import { MissingAnnotationEmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ENTITY_ANNOTATION_PLATFORM_RESOURCE } from '@fractal/backstage-plugin-platform-common';
import Box from '@mui/material/Box';
import { ResourceDetailsPanel } from '../ResourceDetails';
import { platformResourceOf } from './platformResourceAnnotation';

/**
 * Entity page content of a generated `Resource` entity: the resource's
 * conditions, tree, Events and provisioning history, live.
 *
 * @public
 */
export function ResourceDetailsContent() {
  const { entity } = useEntity();
  const target = platformResourceOf(entity);
  if (!target) {
    return (
      <MissingAnnotationEmptyState
        annotation={ENTITY_ANNOTATION_PLATFORM_RESOURCE}
      />
    );
  }
  return (
    <Box sx={{ p: 2 }}>
      <ResourceDetailsPanel cluster={target.cluster} uid={target.uid} />
    </Box>
  );
}
