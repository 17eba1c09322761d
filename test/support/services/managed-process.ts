import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";

export interface ManagedProcessOptions {
  /** Shown in errors: "moto server #1", "OpenSearch". */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** stdout and stderr go to this file, never to a pipe that a busy event loop could let fill up and block. */
  readonly logFile: string;
  /** Run as this uid/gid (OpenSearch refuses root); omitted: as ourselves. */
  readonly user?: { readonly uid: number; readonly gid: number };
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Set once the process has exited, with how. */
  exited(): string | null;
  /** SIGTERM to the whole process group, SIGKILL after graceMs; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Every process we started and have not stopped: killed on exit, so no server outlives the test run. */
const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

process.on("exit", () => {
  for (const child of live) killGroup(child, "SIGKILL");
});

/**
 * Starts a server process that cannot outlive us:
 *  - setpriv --pdeathsig=KILL makes the kernel kill it when our process dies, even by SIGKILL
 *    (applied after the uid change, which would otherwise clear it);
 *  - it leads its own process group, so stop() also reaches anything it forked;
 *  - an exit hook kills what is still running when node exits without a teardown.
 */
export function startManagedProcess(options: ManagedProcessOptions): ManagedProcess {
  const setprivArgs = [
    ...(options.user ? [`--reuid=${options.user.uid}`, `--regid=${options.user.gid}`, "--clear-groups"] : []),
    "--pdeathsig=KILL",
    "--",
    options.command,
    ...options.args,
  ];
  const out = openSync(options.logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn("setpriv", setprivArgs, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", out, out],
      detached: true,
    });
  } finally {
    closeSync(out);
  }
  let exitDescription: string | null = null;
  let spawnError: string | null = null;
  const exitedPromise = new Promise<void>((resolveExit) => {
    child.once("exit", (code, signal) => {
      exitDescription = signal ? `killed by ${signal}` : `exited with code ${code}`;
      live.delete(child);
      resolveExit();
    });
    child.once("error", (error) => {
      spawnError = `could not start (${error.message}; is util-linux's setpriv installed?)`;
      exitDescription = spawnError;
      live.delete(child);
      resolveExit();
    });
  });
  live.add(child);
  // A detached child would keep node's event loop alive; the exit hook and stop() still reach it.
  child.unref();

  return {
    name: options.name,
    pid: child.pid ?? -1,
    logFile: options.logFile,
    exited: () => exitDescription,
    async stop(graceMs = 10_000): Promise<void> {
      if (exitDescription !== null) return;
      killGroup(child, "SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolveTimeout) => {
        timer = setTimeout(() => resolveTimeout(true), graceMs);
      });
      const late = await Promise.race([exitedPromise.then(() => false), timedOut]);
      clearTimeout(timer);
      if (late) {
        killGroup(child, "SIGKILL");
        await exitedPromise;
      }
    },
  };
}

/** The end of a log file, for error messages that say why a server did not come up. */
export function logTail(path: string, lines = 30): string {
  if (!existsSync(path)) return `(no ${path})`;
  const text = readFileSync(path, "utf8").trimEnd();
  if (text.length === 0) return `(${path} is empty)`;
  return text.split("\n").slice(-lines).join("\n");
}
