import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Examples import the package by name, as a team's project does; here that is the source.
    alias: { "rulebridge/actions": fileURLToPath(new URL("./actions/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    // Real services (event-ruler oracle; moto and OpenSearch when a selected test needs them) are provisioned per run.
    globalSetup: ["test/setup/global-setup.ts", "test/setup/services-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
