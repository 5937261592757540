import Alert from '@mui/material/Alert';

/**
 * Shown above data that is still on screen after a refresh failed: the
 * reader keeps what they had and learns why it may be out of date. Renders
 * nothing without an error.
 */
export function StaleDataAlert(props: {
  error?: Error;
  spacing?: 'mb' | 'my';
}) {
  const { error, spacing = 'mb' } = props;
  if (!error) return null;
  return (
    <Alert severity="warning" sx={{ [spacing]: 1 }}>
      Showing data from before the last refresh, which failed: {error.message}
    </Alert>
  );
}
