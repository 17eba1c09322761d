/**
 * Time as the runtime sees it. Retries, deadlines, lock expiry and durations all read this one
 * clock, so tests can drive them deterministically instead of sleeping for real.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Waits `ms` milliseconds; resolves early (never rejects) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * A clock that only moves when told to, with a sleep that advances it: a retry loop "waits"
 * instantly and the test reads exactly which delays were requested.
 */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  readonly sleep: Sleep = async (ms) => {
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
  };
}
