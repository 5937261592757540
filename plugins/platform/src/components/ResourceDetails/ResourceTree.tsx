import type { ResourceTreeNode } from '@fractal/backstage-plugin-platform-common';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { StatusChip } from '../StatusChip';

function TreeNode(props: { node: ResourceTreeNode; depth: number }) {
  const { node, depth } = props;
  const { ref } = node;
  return (
    <Box component="li" sx={{ listStyle: 'none' }}>
      <Stack
        direction="row"
        alignItems="center"
        gap={1}
        sx={{ py: 0.5, pl: depth * 3 }}
      >
        <Typography variant="body2" component="span">
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {ref.kind}
          </Box>{' '}
          <Box component="span" sx={{ fontFamily: 'monospace' }}>
            {ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name}
          </Box>
        </Typography>
        <StatusChip status={node.status} />
        {node.missing && (
          <Typography variant="caption" color="warning.main">
            not found in the cluster yet
          </Typography>
        )}
      </Stack>
      {node.children.length > 0 && (
        <Box
          component="ul"
          sx={{ m: 0, p: 0 }}
          aria-label={`Children of ${ref.kind} ${ref.name}`}
        >
          {node.children.map(child => (
            <TreeNode
              key={`${child.ref.kind}/${child.ref.namespace ?? ''}/${
                child.ref.name
              }`}
              node={child}
              depth={depth + 1}
            />
          ))}
        </Box>
      )}
    </Box>
  );
}

/**
 * The claim -> composite -> managed resources tree as nested lists, with the
 * state of every node.
 */
export function ResourceTree(props: { tree: ResourceTreeNode }) {
  return (
    <Box component="ul" sx={{ m: 0, p: 0 }} aria-label="Resource tree">
      <TreeNode node={props.tree} depth={0} />
    </Box>
  );
}
