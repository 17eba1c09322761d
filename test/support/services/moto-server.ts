import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { logTail, type ManagedProcess, startManagedProcess } from "./managed-process.js";
import type { MotoInstall } from "./manifest.js";
import { httpGet, waitUntil } from "./wait-until.js";

export interface RunningMoto {
  readonly url: string;
  readonly process: ManagedProcess;
}

const START_TIMEOUT_MS = 60_000;

/** Environment for moto: only what Python needs, none of the caller's AWS or MOTO_* settings. */
function motoEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { LANG: "C.UTF-8", PYTHONUNBUFFERED: "1" };
  for (const key of ["PATH", "HOME", "TMPDIR"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * Starts one moto server on 127.0.0.1. Port 0 lets the kernel pick a free port (no race with other
 * runs); werkzeug then logs "Running on http://127.0.0.1:<port>", which we read back from the log.
 */
export async function startMoto(install: MotoInstall, runDir: string, index: number): Promise<RunningMoto> {
  const name = `moto server #${index} (moto ${install.version})`;
  const logFile = join(runDir, `moto-${index}.log`);
  const child = startManagedProcess({
    name,
    command: install.motoServer,
    args: ["-H", "127.0.0.1", "-p", "0"],
    cwd: runDir,
    env: motoEnv(),
    logFile,
  });
  const exitedEarly = (): string | null => {
    const how = child.exited();
    return how === null ? null : `the process ${how}`;
  };
  try {
    const url = await waitUntil(
      `${name} did not print its address`,
      async () => {
        if (!existsSync(logFile)) return undefined;
        const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(logFile, "utf8"))?.[1];
        return port === undefined ? undefined : `http://127.0.0.1:${port}`;
      },
      { timeoutMs: START_TIMEOUT_MS, abortIf: exitedEarly },
    );
    await waitUntil(
      `${name} at ${url} does not answer`,
      async () => ((await httpGet(`${url}/moto-api/`)).status === 200 ? true : undefined),
      { timeoutMs: START_TIMEOUT_MS, abortIf: exitedEarly },
    );
    return { url, process: child };
  } catch (error) {
    await child.stop(2_000);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- ${logFile} (tail) ---\n${logTail(logFile)}`);
  }
}
