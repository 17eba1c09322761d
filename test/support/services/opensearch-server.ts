import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { logTail, type ManagedProcess, startManagedProcess } from "./managed-process.js";
import type { OpenSearchInstall } from "./manifest.js";
import { httpGet, waitUntil } from "./wait-until.js";

export interface RunningOpenSearch {
  readonly url: string;
  readonly process: ManagedProcess;
  readonly runDir: string;
}

const CLUSTER_NAME = "rulebridge-test";
// Generous for a cold JVM on a busy 2-core CI machine; it takes about 10 s when idle.
const BIND_TIMEOUT_MS = 180_000;
const HEALTH_TIMEOUT_MS = 90_000;
const HEAP = "-Xms512m -Xmx512m";

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { recursive: true })) chownSync(join(dir, String(entry)), uid, gid);
}

/**
 * A config directory of our own: the distribution's files, with relative paths in jvm.options made absolute
 * (bin/opensearch cds into the distribution, which the OpenSearch user may not write), and our settings.
 */
function writeConfig(install: OpenSearchInstall, runDir: string): string {
  const config = join(runDir, "config");
  cpSync(join(install.home, "config"), config, { recursive: true });
  const jvmOptions = join(config, "jvm.options");
  writeFileSync(
    jvmOptions,
    readFileSync(jvmOptions, "utf8")
      .replaceAll("file=logs/", `file=${join(runDir, "logs")}/`)
      .replaceAll("HeapDumpPath=data", `HeapDumpPath=${join(runDir, "data")}`)
      .replaceAll("ErrorFile=logs/", `ErrorFile=${join(runDir, "logs")}/`),
  );
  const settings: Record<string, string | boolean | number> = {
    "cluster.name": CLUSTER_NAME,
    "node.name": "rulebridge-test-node",
    "discovery.type": "single-node",
    "network.host": "127.0.0.1",
    // Port 0: the kernel picks free ports, so concurrent test runs never collide; node.portsfile
    // makes OpenSearch write the bound address to logs/http.ports, where we read it.
    "http.port": 0,
    "transport.port": 0,
    "node.portsfile": true,
    "path.data": join(runDir, "data"),
    "path.logs": join(runDir, "logs"),
    // A nearly full disk must not turn test indices read-only.
    "cluster.routing.allocation.disk.threshold_enabled": false,
  };
  const yaml = Object.entries(settings)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join("\n");
  writeFileSync(join(config, "opensearch.yml"), `${yaml}\n`);
  return config;
}

interface ClusterHealth {
  readonly status?: string;
}

/** Starts a single-node OpenSearch on 127.0.0.1 with fresh data and logs in `runDir`; waits for yellow health. */
export async function startOpenSearch(
  install: OpenSearchInstall,
  runDir: string,
): Promise<RunningOpenSearch> {
  const name = `OpenSearch ${install.version}`;
  for (const sub of ["data", "logs", "tmp"]) mkdirSync(join(runDir, sub), { recursive: true });
  const config = writeConfig(install, runDir);
  if (install.user !== null) {
    // The OpenSearch user owns its run directory and must be able to pass through the one holding it,
    // whatever umask created that.
    chmodSync(dirname(runDir), 0o755);
    chownTree(runDir, install.uid, install.gid);
  }
  const consoleLog = join(runDir, "console.log");
  const serverLog = join(runDir, "logs", `${CLUSTER_NAME}.log`);
  const portsFile = join(runDir, "logs", "http.ports");

  const child = startManagedProcess({
    name,
    command: join(install.home, "bin", "opensearch"),
    args: [],
    cwd: runDir,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      LANG: "C.UTF-8",
      HOME: runDir,
      JAVA_HOME: install.javaHome,
      OPENSEARCH_JAVA_OPTS: HEAP,
      OPENSEARCH_PATH_CONF: config,
      OPENSEARCH_TMPDIR: join(runDir, "tmp"),
    },
    logFile: consoleLog,
    ...(install.user !== null ? { user: { uid: install.uid, gid: install.gid } } : {}),
  });
  const diagnostics = (): string =>
    `--- ${consoleLog} (tail) ---\n${logTail(consoleLog)}\n--- ${serverLog} (tail) ---\n${logTail(serverLog)}`;
  const exitedEarly = (): string | null => {
    const how = child.exited();
    return how === null ? null : `the process ${how}`;
  };
  try {
    const url = await waitUntil(
      `${name} did not bind its HTTP port`,
      async () => {
        if (!existsSync(portsFile)) return undefined;
        const address = readFileSync(portsFile, "utf8").split("\n")[0]?.trim();
        return address ? `http://${address}` : undefined;
      },
      { timeoutMs: BIND_TIMEOUT_MS, intervalMs: 500, abortIf: exitedEarly },
    );
    await waitUntil(
      `${name} at ${url} did not reach cluster health yellow`,
      async () => {
        const response = await httpGet(`${url}/_cluster/health?wait_for_status=yellow&timeout=2s`);
        const health = JSON.parse(response.body) as ClusterHealth;
        return health.status === "yellow" || health.status === "green" ? true : undefined;
      },
      { timeoutMs: HEALTH_TIMEOUT_MS, intervalMs: 500, abortIf: exitedEarly },
    );
    return { url, process: child, runDir };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const details = diagnostics();
    await child.stop(5_000);
    throw new Error(`${message}\n${details}`);
  }
}
