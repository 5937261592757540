import type { DefaultsLayer } from '@fractal/backstage-plugin-platform-common';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { YamlLine } from './yamlLines';

/** What each defaults layer means, lowest precedence first. */
export const LAYER_DESCRIPTIONS: Record<DefaultsLayer, string> = {
  schema: 'default of the kind’s schema',
  platform: 'platform default for the kind',
  environment: 'default of the environment',
  tenant: 'override of the team',
  user: 'your input',
  fractal: 'set by Fractal (labels, namespace, ownership)',
};

const LAYER_COLORS: Record<DefaultsLayer, string> = {
  schema: '#8C8C8C',
  platform: '#0072B2',
  environment: '#009E73',
  tenant: '#CC79A7',
  user: '#E69F00',
  fractal: '#56B4E9',
};

function LayerChip(props: { layer: DefaultsLayer }) {
  return (
    <Chip
      size="small"
      label={props.layer}
      variant="outlined"
      sx={{
        borderColor: LAYER_COLORS[props.layer],
        borderWidth: 2,
        height: 20,
      }}
    />
  );
}

/** The layers present in `lines`, in precedence order. */
function presentLayers(lines: YamlLine[]): DefaultsLayer[] {
  const present = new Set(lines.map(l => l.layer).filter(Boolean));
  return (Object.keys(LAYER_DESCRIPTIONS) as DefaultsLayer[]).filter(l =>
    present.has(l),
  );
}

/** The compiled YAML, one table row per line, each leaf with its layer. */
export function ManifestLines(props: { lines: YamlLine[] }) {
  const { lines } = props;
  return (
    <Box>
      <Stack
        component="ul"
        direction="row"
        flexWrap="wrap"
        gap={1.5}
        aria-label="Defaults layers"
        sx={{ listStyle: 'none', p: 0, m: 0, mb: 1 }}
      >
        {presentLayers(lines).map(layer => (
          <Stack
            component="li"
            key={layer}
            direction="row"
            alignItems="center"
            gap={0.5}
          >
            <LayerChip layer={layer} />
            <Typography variant="caption">
              {LAYER_DESCRIPTIONS[layer]}
            </Typography>
          </Stack>
        ))}
      </Stack>
      <Box sx={{ overflowX: 'auto', maxHeight: 480, overflowY: 'auto' }}>
        <Table
          size="small"
          aria-label="Compiled manifest"
          sx={{
            '& td, & th': { py: 0, borderBottom: 'none' },
            '& td:first-of-type, & th': { whiteSpace: 'nowrap' },
          }}
        >
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 40 }}>Line</TableCell>
              <TableCell>YAML</TableCell>
              <TableCell sx={{ width: 110 }}>Set by</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.map(line => (
              <TableRow key={line.number} hover>
                <TableCell
                  sx={{ color: 'text.secondary', fontFamily: 'monospace' }}
                >
                  {line.number}
                </TableCell>
                <TableCell
                  sx={{
                    fontFamily: 'monospace',
                    whiteSpace: 'pre',
                    fontSize: '0.8125rem',
                  }}
                >
                  {line.text}
                </TableCell>
                <TableCell>
                  {line.layer && <LayerChip layer={line.layer} />}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
