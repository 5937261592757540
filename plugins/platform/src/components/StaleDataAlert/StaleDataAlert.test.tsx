import { render, screen } from '@testing-library/react';
import { StaleDataAlert } from './StaleDataAlert';

describe('StaleDataAlert', () => {
  it('says the data is from before the failed refresh, and why', () => {
    render(<StaleDataAlert error={new Error('backend unreachable')} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Showing data from before the last refresh, which failed: backend unreachable',
    );
  });

  it('renders nothing without an error', () => {
    const { container } = render(<StaleDataAlert />);
    expect(container).toBeEmptyDOMElement();
  });
});
