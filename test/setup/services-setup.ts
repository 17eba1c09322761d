import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { SERVICES_CONTEXT_KEY, type ServicesContext } from "../support/services/context.js";
import { servicesDemand } from "../support/services/demand.js";
import { readServicesManifest, repoRoot, type ServicesManifest } from "../support/services/manifest.js";
import { type RunningMoto, startMoto } from "../support/services/moto-server.js";
import { type RunningOpenSearch, startOpenSearch } from "../support/services/opensearch-server.js";
import { createRunDir } from "../support/services/run-dir.js";
import { workerSlots } from "../support/services/worker-slots.js";

function log(message: string): void {
  process.stdout.write(`[services] ${message}\n`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

/** Runs the installer (idempotent, quick when cached); a failure carries the installer's own reason. */
async function install(): Promise<void> {
  const script = join(repoRoot, "scripts", "setup-services.mjs");
  let stderr = "";
  const status = await new Promise<string | number>((resolveStatus) => {
    const child = spawn(process.execPath, [script], { cwd: repoRoot, stdio: ["ignore", "inherit", "pipe"] });
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString("utf8")).slice(-8_000);
    });
    child.once("error", (error) => resolveStatus(error.message));
    child.once("close", (code, signal) => resolveStatus(code ?? signal ?? "unknown"));
  });
  if (status !== 0) {
    const reason = stderr.trim() || "no reason printed; see the output above";
    throw new Error(
      `scripts/setup-services.mjs failed (${status}): ${reason}\n` +
        "The integration tests need moto and OpenSearch: fix the cause and run the tests again.",
    );
  }
}

interface RunningServices {
  readonly motos: readonly RunningMoto[];
  readonly openSearch: RunningOpenSearch;
  readonly runDirs: readonly string[];
}

async function stopAll(motos: readonly RunningMoto[], openSearch: RunningOpenSearch | null): Promise<void> {
  await Promise.all([
    ...motos.map((moto) => moto.process.stop(5_000)),
    ...(openSearch ? [openSearch.process.stop(15_000)] : []),
  ]);
}

function labelled<T>(service: string, promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    throw new Error(
      `${service} could not be started: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

/** Starts the moto servers and OpenSearch side by side; if any fails, stops the others and says which. */
async function startAll(manifest: ServicesManifest, slots: number): Promise<RunningServices> {
  const motoRunDir = createRunDir(join(repoRoot, ".cache", "moto", "runs"));
  const openSearchRunDir = createRunDir(manifest.opensearch.runsDir);
  const runDirs = [motoRunDir, openSearchRunDir];
  const motoStarts = Array.from({ length: slots }, (_, index) =>
    labelled(`moto ${manifest.moto.version}`, startMoto(manifest.moto, motoRunDir, index + 1)),
  );
  const openSearchStart = labelled(
    `OpenSearch ${manifest.opensearch.version}`,
    startOpenSearch(manifest.opensearch, openSearchRunDir),
  );
  const [openSearchResult, motoResults] = await Promise.all([
    Promise.allSettled([openSearchStart]).then(([result]) => result),
    Promise.allSettled(motoStarts),
  ]);
  const results = [openSearchResult, ...motoResults];
  const failures = results.flatMap((result) => (result?.status === "rejected" ? [result.reason] : []));
  const motos = motoResults.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const openSearch = openSearchResult?.status === "fulfilled" ? openSearchResult.value : null;
  if (failures.length > 0 || openSearch === null) {
    await stopAll(motos, openSearch);
    for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
    throw new Error(
      failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join("\n\n"),
    );
  }
  return { motos, openSearch, runDirs };
}

/**
 * vitest globalSetup: provisions moto and OpenSearch once per test run, when a selected test file needs
 * them (see servicesDemand), and hands their URLs to the workers with project.provide(); the teardown
 * stops them and removes their data. A service that cannot be had fails the run, naming it and why.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const demand = await servicesDemand(project);
  const notStarted = (reason: string): ServicesContext => ({
    status: "not-started",
    reason,
    motoUrls: [],
    openSearchUrl: null,
    versions: { moto: "", opensearch: "" },
  });
  if (!demand.needed) {
    log(`moto and OpenSearch not started: ${demand.reason}`);
    project.provide(SERVICES_CONTEXT_KEY, notStarted(demand.reason));
    return undefined;
  }

  const started = Date.now();
  log(`provisioning moto and OpenSearch (${demand.reason})`);
  await install();
  const manifest = readServicesManifest();
  const slots = workerSlots(project);
  const running = await startAll(manifest, slots);
  project.provide(SERVICES_CONTEXT_KEY, {
    status: "running",
    reason: demand.reason,
    motoUrls: running.motos.map((moto) => moto.url),
    openSearchUrl: running.openSearch.url,
    versions: { moto: manifest.moto.version, opensearch: manifest.opensearch.version },
  });
  log(
    `ready in ${seconds(started)}: ${slots} moto ${manifest.moto.version} server(s) ` +
      `${running.motos.map((moto) => moto.url).join(" ")}; OpenSearch ${manifest.opensearch.version} ` +
      running.openSearch.url,
  );

  return async () => {
    const stopping = Date.now();
    await stopAll(running.motos, running.openSearch);
    for (const dir of running.runDirs) rmSync(dir, { recursive: true, force: true });
    log(`stopped moto and OpenSearch in ${seconds(stopping)}`);
  };
}
