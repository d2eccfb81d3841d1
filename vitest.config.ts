import path from "node:path";
import { defineConfig } from "vitest/config";

const env = {
  BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  KOERS_BASE_URL: "http://localhost:3000",
  RESEND_API_KEY: "",
};

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    // PGlite instances are memory-hungry (~0.8 GB at boot): two workers fit a 2-core CI machine.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], env } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          globalSetup: ["tests/integration/support/global-setup.ts"],
          env,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The collaboration server as a real child process (kill -9, restarts, two processes with Redis).
        extends: true,
        test: {
          name: "collab",
          include: ["tests/collab/**/*.test.ts"],
          globalSetup: ["tests/collab/support/global-setup.ts"],
          env,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
