import {
  test,
  expect,
  request as playwrightRequest,
  type Page,
} from '@playwright/test';

/**
 * What a tenant member sees of the platform, end to end: the demo user Ada
 * (a member of `payments`, not of the platform team) opens the scoreboard,
 * which is limited to her team and shows the emulated clusters' health; then
 * a payments component's platform resources with live status and one
 * resource's conditions and tree; and the API refuses her another team's
 * resource. Runs against scripts/e2e-server.sh (backend, built app, the
 * emulator with its seeded demo history).
 */

const EMULATOR_DEV = 'https://127.0.0.1:6443';
const GROUP = '/apis/platform.fractal.dev/v1alpha1';
const PLURALS = ['postgresqlinstances', 'buckets', 'caches', 'applications'];

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
  return (await res.json()).backstageIdentity.token;
}

/** The uid of one claim of tenant `search` on dev, read from the emulator as its admin. */
async function searchClaimUid(): Promise<string> {
  const cluster = await playwrightRequest.newContext({
    baseURL: EMULATOR_DEV,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { Authorization: 'Bearer admin-token' },
  });
  try {
    for (const plural of PLURALS) {
      const res = await cluster.get(
        `${GROUP}/namespaces/tenant-search/${plural}`,
      );
      expect(res.ok()).toBe(true);
      const items = (await res.json()).items as Array<{
        metadata: { uid: string };
      }>;
      if (items.length > 0) return items[0].metadata.uid;
    }
  } finally {
    await cluster.dispose();
  }
  throw new Error('the demo seed has no claim of tenant search on dev');
}

test.describe('platform status and scoreboard', () => {
  test.setTimeout(180_000);

  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('a tenant member sees the scoreboard of her team and the clusters', async ({
    page,
  }) => {
    await page.goto('/platform');
    await expect(
      page.getByText('The figures cover the teams you belong to'),
    ).toBeVisible();

    // Headline figures: the seeded history gives a provisioning time.
    const p50 = page.getByRole('region', { name: 'Provisioning time (p50)' });
    await expect(p50).toBeVisible();
    await expect(p50.getByRole('paragraph').first()).toHaveText(/\d/);

    // The per-team table lists her team only. The tenant directory reads the
    // catalog's Groups, which a fresh server ingests shortly after start.
    const perTeam = page
      .locator('div')
      .filter({ has: page.getByRole('heading', { name: 'Per team' }) })
      .filter({ has: page.getByRole('table') })
      .last();
    await expect(async () => {
      await page.reload();
      await expect(
        perTeam.getByRole('cell', { name: 'payments', exact: true }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000, intervals: [3_000] });
    for (const other of ['checkout', 'search', 'identity', 'analytics']) {
      await expect(
        perTeam.getByRole('cell', { name: other, exact: true }),
      ).toHaveCount(0);
    }

    // Cluster health: the three emulated clusters, connected.
    const health = page.getByRole('table', { name: 'Cluster health' });
    for (const cluster of ['dev', 'prod-eu', 'prod-us']) {
      const row = health.getByRole('row').filter({
        has: page.getByRole('rowheader', { name: cluster, exact: true }),
      });
      await expect(row.getByText('Connected', { exact: true })).toBeVisible();
    }
  });

  test("a component's platform resources show live status, conditions and tree; another team's resource is refused", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/payments-api');
    const resources = page.getByRole('table', { name: 'Platform resources' });
    await expect(resources).toBeVisible({ timeout: 60_000 });
    // Fractal's card comes before the catalog's relation cards (app-config's
    // extension order), not at the bottom of the page.
    const dependsOn = page.getByText('Depends on resources', { exact: true });
    await expect(dependsOn.first()).toBeVisible();
    const cardTop = (await resources.boundingBox())!.y;
    const relationsTop = (await dependsOn.first().boundingBox())!.y;
    expect(cardTop).toBeLessThan(relationsTop);
    await page.screenshot({
      path: test.info().outputPath('component-page.png'),
      fullPage: true,
    });

    const rows = resources.getByRole('row');
    // A header row and at least one resource.
    await expect.poll(async () => rows.count()).toBeGreaterThan(1);
    await expect(
      resources
        .getByText(/^(Ready|In progress|Failed|Terminating|Unknown)$/)
        .first(),
    ).toBeVisible();

    await resources
      .getByRole('button', { name: /: show details$/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(
      dialog.getByRole('table', { name: 'Conditions' }),
    ).toBeVisible();
    await expect(
      dialog.getByRole('table', { name: 'Conditions' }).getByText('Ready', {
        exact: true,
      }),
    ).toBeVisible();
    await expect(
      dialog.getByRole('region', { name: 'Resource tree' }),
    ).toBeVisible();

    // Ada asks the API for a resource of tenant search: refused, nothing leaks.
    const uid = await searchClaimUid();
    const res = await page.request.get(
      `/api/platform/clusters/dev/resources/${uid}`,
      { headers: { Authorization: `Bearer ${await backstageToken(page)}` } },
    );
    expect([403, 404]).toContain(res.status());
    expect(await res.text()).not.toContain('tenant-search');
  });
});
