import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { WINDOW_DAYS, WindowDays } from '../../utils/window';

/** Chooses the scoreboard's time window: 7, 30 or 90 days. */
export function WindowPicker(props: {
  value: WindowDays;
  onChange: (days: WindowDays) => void;
}) {
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={props.value}
      aria-label="Time window"
      onChange={(_event, days: WindowDays | null) => {
        // A second click on the selected button deselects it: keep the value.
        if (days !== null) {
          props.onChange(days);
        }
      }}
    >
      {WINDOW_DAYS.map(days => (
        <ToggleButton key={days} value={days} aria-label={`Last ${days} days`}>
          {days} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
