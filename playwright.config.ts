import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests run in Debian's Chromium against the built app, served by
 * the backend on :7007 with the cluster emulator alongside
 * (scripts/e2e-server.sh). Failure artefacts (screenshots and traces) go
 * to e2e-results/, the HTML report to e2e-report/.
 */
const chromiumPath =
  process.env.FRACTAL_CHROMIUM_PATH ??
  process.env.CHROMIUM_PATH ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-report' }],
    ['json', { outputFile: 'e2e-results/results.json' }],
  ],
  outputDir: 'e2e-results/artifacts',
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command: 'bash scripts/e2e-server.sh',
          url: `${baseURL}/.backstage/health/v1/readiness`,
          reuseExistingServer: !process.env.CI,
          timeout: 300_000,
          stdout: 'pipe',
          stderr: 'pipe',
        },
      ],
  use: {
    baseURL,
    actionTimeout: 20_000,
    navigationTimeout: 60_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  projects: generateProjects().map(project => ({
    ...project,
    use: { ...project.use, channel: undefined },
  })),
});
