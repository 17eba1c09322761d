import { availableParallelism } from "node:os";
import type { TestProject } from "vitest/node";

/**
 * How many test files can run at once: vitest gives each running file a VITEST_POOL_ID in 1..this.
 * Mirrors vitest 4's own default (resolveMaxWorkers): the configured maxWorkers, else cpus - 1
 * (half the cpus in watch mode). One moto server per slot keeps resetMoto() from wiping the state
 * of a file running concurrently in another worker.
 */
export function workerSlots(project: TestProject): number {
  const configured: unknown = project.config.maxWorkers ?? project.vitest.config.maxWorkers;
  if (typeof configured === "number" && Number.isInteger(configured) && configured > 0) return configured;
  const cpus = availableParallelism();
  return project.vitest.config.watch ? Math.max(Math.floor(cpus / 2), 1) : Math.max(cpus - 1, 1);
}
