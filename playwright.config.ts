import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const STUB_PORT = Number(process.env.E2E_STUB_PORT ?? 3101);
export const BASE_URL = `http://localhost:${PORT}`;
export const RESEND_STUB_URL = `http://127.0.0.1:${STUB_PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "nl-NL",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      command: `tsx tests/e2e/support/resend-stub-server.ts`,
      url: `${RESEND_STUB_URL}/__health`,
      env: { STUB_PORT: String(STUB_PORT) },
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 2000 },
    },
    {
      // A fresh embedded database per run, migrated and seeded like the demo, plus the journeys' fixtures.
      command: "rm -rf tests/.tmp/e2e-data && tsx db/setup.ts && tsx tests/e2e/support/seed-fixtures.ts && tsx server.ts",
      url: `${BASE_URL}/healthz`,
      timeout: 120_000,
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        KOERS_BASE_URL: BASE_URL,
        PGLITE_DIR: "tests/.tmp/e2e-data/pglite",
        KOERS_SECRET_FILE: "tests/.tmp/e2e-data/auth-secret",
        KOERS_DEMO: "1",
        RESEND_API_KEY: "re_e2e_test",
        RESEND_BASE_URL: RESEND_STUB_URL,
        OUTBOX_INTERVAL_MS: "300",
        JOBS_INTERVAL_MS: "1000",
        KOERS_DEV_MAILBOX: "1",
      },
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5000 },
    },
  ],
});
