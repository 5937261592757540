import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UpdatedAgo, updatedAgoText } from './UpdatedAgo';

describe('updatedAgoText', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it.each([
    [undefined, 'not loaded yet'],
    [now, 'updated just now'],
    [now - 1_500, 'updated just now'],
    [now - 12_000, 'updated 12 s ago'],
    [now - 5 * 60_000, 'updated 5 min ago'],
    [now - 3 * 3_600_000, 'updated 3 h ago'],
  ])('%p -> %s', (updatedAt, text) => {
    expect(updatedAgoText(updatedAt, now)).toBe(text);
  });
});

describe('UpdatedAgo', () => {
  it.each([
    [true, /^Live · updated/],
    [false, /^Refreshes every minute · updated/],
  ])('live=%p says %p and refreshes on request', async (live, text) => {
    const onRefresh = jest.fn();
    await renderInTestApp(
      <UpdatedAgo updatedAt={Date.now()} live={live} onRefresh={onRefresh} />,
    );
    expect(screen.getByText(text)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });
});
