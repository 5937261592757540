import {
  test,
  expect,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import { request as playwrightRequest } from '@playwright/test';

/**
 * Self-service end to end: the demo user Ada (a member of `payments`) runs
 * the PostgreSQL template in the portal and watches the resource's
 * conditions stream into the task log until it is Ready in the emulated
 * cluster; a request for another tenant (`checkout`) is refused and creates
 * nothing. Runs against scripts/e2e-server.sh (backend, built app, emulator).
 */

/** prod-eu: a production cluster, so the environment's defaults show in the preview. */
const EMULATOR_PROD_EU = 'https://127.0.0.1:6444';
const EMULATOR_DEV = 'https://127.0.0.1:6443';
const CLAIMS = '/apis/platform.fractal.dev/v1alpha1';

/** An emulated cluster, as its admin (demo token; local emulator only). */
async function emulatedCluster(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { Authorization: 'Bearer admin-token' },
  });
}

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'Fractal home' })).toBeVisible();
}

/** Ada's Backstage token, from the guest sign-in the page just did. */
async function backstageToken(page: Page): Promise<string> {
  const res = await page.request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBe(true);
  const body = await res.json();
  return body.backstageIdentity.token;
}

/**
 * Opens the task log: the task page opens it by itself when it sees a
 * failure in time; otherwise it is one click away.
 */
async function openTaskLog(page: Page) {
  const showLogs = page.getByRole('button', { name: /Show logs/i });
  const hideLogs = page.getByRole('button', { name: /Hide logs/i });
  await expect(async () => {
    if (await showLogs.isVisible()) {
      await showLogs.click({ timeout: 2_000 });
    }
    await expect(hideLogs).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Waits until the catalog has read the template: on a fresh server the
 * catalog takes a while to process the template locations.
 */
async function waitForTemplate(page: Page, token: string, name: string) {
  await expect
    .poll(
      async () =>
        (
          await page.request.get(
            `/api/catalog/entities/by-name/template/default/${name}`,
            { headers: { Authorization: `Bearer ${token}` } },
          )
        ).status(),
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBe(200);
}

test.describe('self-service', () => {
  test.setTimeout(420_000);

  test.beforeEach(async ({ page }) => {
    await signIn(page);
    await waitForTemplate(
      page,
      await backstageToken(page),
      'postgresql-instance',
    );
  });

  test('a tenant member provisions a PostgreSQL database and watches it become Ready', async ({
    page,
  }) => {
    const name = `e2e-db-${Date.now().toString(36)}`;

    await page.goto('/create/templates/default/postgresql-instance');
    await expect(
      page.getByRole('heading', { name: 'PostgreSQL database' }).first(),
    ).toBeVisible();

    // Owner and placement: the only team Ada belongs to is preselected.
    await expect(page.getByRole('combobox', { name: /Team/ })).toContainText(
      'Payments',
    );
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('button', { name: 'Cluster' }).click();
    await page.getByRole('option', { name: 'prod-eu (production)' }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    // Database: leave the fields empty, the platform's defaults apply.
    await page.getByRole('button', { name: 'Instance class' }).click();
    await page.getByRole('option', { name: 'medium' }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    // Preview: the final resource, in the tenant's namespace.
    const preview = page.getByRole('region', {
      name: 'The database that will be created',
    });
    await expect(preview).toContainText('namespace: tenant-payments');
    await expect(preview).toContainText('size: medium');
    // The production environment's default, layered under the form.
    await expect(preview).toContainText('highAvailability: true');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task page: the conditions stream into the log as they change.
    await expect(page).toHaveURL(/\/create\/tasks\//);
    await openTaskLog(page);
    await expect(
      page.getByText(/Waiting up to 10m0s for PostgreSQLInstance/),
    ).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      page.getByText(/Synced=True \(ReconcileSuccess\)/),
    ).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText(/Ready=True \(Available\)/)).toBeVisible({
      timeout: 120_000,
    });
    await expect(page.getByText('Your database')).toBeVisible({
      timeout: 30_000,
    });

    // And the cluster agrees.
    const cluster = await emulatedCluster(EMULATOR_PROD_EU);
    const res = await cluster.get(
      `${CLAIMS}/namespaces/tenant-payments/postgresqlinstances/${name}`,
    );
    expect(res.status()).toBe(200);
    const claim = await res.json();
    expect(claim.metadata.labels).toMatchObject({
      'fractal.dev/tenant': 'payments',
      'app.kubernetes.io/managed-by': 'fractal',
    });
    expect(claim.metadata.annotations['fractal.dev/requested-by']).toBe(
      'user:default/ada',
    );
    expect(claim.spec.parameters.size).toBe('medium');
    expect(claim.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      ]),
    );
    await cluster.dispose();
  });

  test('a request for another tenant is refused and creates nothing', async ({
    page,
  }) => {
    const name = `e2e-stolen-${Date.now().toString(36)}`;
    const token = await backstageToken(page);
    const headers = { Authorization: `Bearer ${token}` };

    // The picker never offers checkout to Ada, so submit to the API directly.
    const created = await page.request.post('/api/scaffolder/v2/tasks', {
      headers,
      data: {
        templateRef: 'template:default/postgresql-instance',
        values: {
          tenant: 'checkout',
          name,
          cluster: 'dev',
          parameters: { size: 'small' },
        },
      },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();

    await expect
      .poll(
        async () =>
          (
            await (
              await page.request.get(`/api/scaffolder/v2/tasks/${id}`, {
                headers,
              })
            ).json()
          ).status,
        { timeout: 60_000 },
      )
      .toBe('failed');

    // The portal shows why.
    await page.goto(`/create/tasks/${id}`);
    await openTaskLog(page);
    await expect(
      page.getByText(/is not a member of tenant 'checkout'/).first(),
    ).toBeVisible();

    // Nothing reached the cluster.
    const cluster = await emulatedCluster(EMULATOR_DEV);
    const res = await cluster.get(
      `${CLAIMS}/namespaces/tenant-checkout/postgresqlinstances/${name}`,
    );
    expect(res.status()).toBe(404);
    await cluster.dispose();
  });
});
