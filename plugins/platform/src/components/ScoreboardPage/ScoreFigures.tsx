import type { Scoreboard } from '@fractal/backstage-plugin-platform-common';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { ArrowDownIcon, ArrowUpIcon } from '../icons';
import { SCORE_FIGURES, ScoreFigureSpec, describeChange } from './scoreFigures';

const TONE_COLOR = {
  good: 'success.main',
  bad: 'error.main',
  neutral: 'text.secondary',
} as const;

/** Hides content visually but keeps it for assistive technology. */
export const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

function FigureCard(props: {
  spec: ScoreFigureSpec;
  scoreboard: Scoreboard;
  days: number;
}) {
  const { spec, scoreboard, days } = props;
  const id = useId();
  const figure = scoreboard[spec.key];
  const change = describeChange(figure, spec.better, days);
  return (
    <Paper
      component="section"
      aria-labelledby={id}
      variant="outlined"
      sx={{ p: 2, flex: '1 1 200px' }}
    >
      <Typography id={id} variant="subtitle2" component="h3">
        {spec.label}
      </Typography>
      <Typography variant="h4" component="p" sx={{ my: 0.5 }}>
        {spec.format(figure.current)}
      </Typography>
      <Typography
        variant="body2"
        component="p"
        sx={{
          color: TONE_COLOR[change.tone],
          display: 'flex',
          alignItems: 'center',
          gap: 0.5,
        }}
      >
        {change.direction === 'up' && <ArrowUpIcon />}
        {change.direction === 'down' && <ArrowDownIcon />}
        <span aria-hidden>{change.text}</span>
        <Box component="span" sx={visuallyHidden}>
          {change.label}
        </Box>
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        {spec.description}
        {figure.previous !== undefined &&
          ` · previously ${spec.format(figure.previous)}`}
      </Typography>
    </Paper>
  );
}

/** The four product figures with their change vs the previous period. */
export function ScoreFigures(props: { scoreboard: Scoreboard; days: number }) {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
      {SCORE_FIGURES.map(spec => (
        <FigureCard key={spec.key} spec={spec} {...props} />
      ))}
    </Box>
  );
}
