import { setTimeout as sleep } from "node:timers/promises";

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked before each attempt: a message ends the wait at once (e.g. the server process died). */
  readonly abortIf?: () => string | null;
}

/**
 * Polls until `attempt` returns a value (not undefined), within a deadline; a bounded loop, never a hang.
 * Throws an Error whose message starts with `what` and says whether it timed out or was aborted.
 */
export async function waitUntil<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = "";
  for (;;) {
    const aborted = options.abortIf?.();
    if (aborted) throw new Error(`${what}: ${aborted}`);
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${what}: not ready after ${options.timeoutMs / 1000}s${lastError ? ` (last error: ${lastError})` : ""}`,
      );
    }
    await sleep(options.intervalMs ?? 250);
  }
}

/** GET with a per-request timeout, so one stuck connection cannot eat the whole wait. */
export async function httpGet(url: string, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, body: await response.text() };
}
