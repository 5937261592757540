import { test, expect } from '@playwright/test';

test.describe('the Fractal portal', () => {
  test('signs in as the demo user and browses the catalog to a tenant team', async ({
    page,
  }) => {
    await page.goto('/');

    // Local development signs in through the guest provider as a demo user.
    await page.getByRole('button', { name: 'Enter' }).click();

    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    await expect(nav.getByRole('link', { name: 'Fractal home' })).toBeVisible();
    await expect(page).toHaveTitle(/Fractal/);

    // The catalog opens on what the demo user's team owns.
    await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
    const owned = page.getByRole('table');
    await expect(
      owned.getByRole('link', { name: 'Payments API', exact: true }),
    ).toBeVisible();
    // Components of other tenants are not in the "owned" list.
    await expect(owned.getByText('Checkout Web')).toHaveCount(0);

    // Browse to the owning tenant team.
    await owned.getByRole('link', { name: 'Payments', exact: true }).click();

    await expect(
      page.getByRole('heading', { name: 'Payments', exact: true }),
    ).toBeVisible();
    await expect(page.getByText('Ada Lovelace').first()).toBeVisible();
    await expect(page.getByText('team', { exact: true }).first()).toBeVisible();
  });
});
