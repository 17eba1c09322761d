import { describe, expect, it } from "vitest";
import { ActionFailure } from "../../../engine/action/types.js";
import { ManualClock } from "../../../engine/runtime/clock.js";
import { backoffCeiling, retryWithBackoff } from "../../../engine/runtime/retry.js";

const retryable = (retryAfterMs?: number) =>
  new ActionFailure("throttled", {
    retryable: true,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
const permanent = () => new ActionFailure("bad request", { retryable: false });

/** An operation that throws the given errors in turn, then succeeds; records when it was called. */
function script(clock: ManualClock, errors: Error[]) {
  const calledAt: number[] = [];
  const fn = async (attempt: number) => {
    calledAt.push(clock.now());
    const err = errors[attempt - 1];
    if (err) throw err;
    return `ok after ${attempt}`;
  };
  return { fn, calledAt };
}

describe("backoffCeiling", () => {
  it.each([
    { attempt: 1, ceiling: 100 },
    { attempt: 2, ceiling: 200 },
    { attempt: 3, ceiling: 400 },
    { attempt: 5, ceiling: 1600 },
    { attempt: 6, ceiling: 2000 },
    { attempt: 30, ceiling: 2000 },
  ])("attempt $attempt → $ceiling ms", ({ attempt, ceiling }) => {
    expect(backoffCeiling(attempt, 100, 2000)).toBe(ceiling);
  });
});

describe("retryWithBackoff", () => {
  const base = { baseMs: 100, maxMs: 2000 };

  it("returns the first success without waiting", async () => {
    const clock = new ManualClock(0);
    const { fn } = script(clock, []);
    const r = await retryWithBackoff(fn, { ...base, deadline: 10_000, clock, sleep: clock.sleep });
    expect(r).toEqual({ ok: true, value: "ok after 1", attempts: 1 });
    expect(clock.sleeps).toEqual([]);
  });

  it("waits with full jitter: a uniform draw below the doubling ceiling", async () => {
    const clock = new ManualClock(0);
    const { fn, calledAt } = script(clock, [retryable(), retryable(), retryable()]);
    const r = await retryWithBackoff(fn, {
      ...base,
      deadline: 10_000,
      clock,
      sleep: clock.sleep,
      random: () => 0.5,
    });
    expect(r).toMatchObject({ ok: true, attempts: 4 });
    expect(clock.sleeps).toEqual([50, 100, 200]);
    expect(calledAt).toEqual([0, 50, 150, 350]);
  });

  it.each([
    { random: 0, waits: [0, 0, 0] },
    { random: 0.999, waits: [99, 199, 399] },
  ])("jitter spans [0, ceiling): random $random → $waits", async ({ random, waits }) => {
    const clock = new ManualClock(0);
    const { fn } = script(clock, [retryable(), retryable(), retryable()]);
    await retryWithBackoff(fn, {
      ...base,
      deadline: 10_000,
      clock,
      sleep: clock.sleep,
      random: () => random,
    });
    expect(clock.sleeps).toEqual(waits);
  });

  it("does not retry a failure that is not retryable", async () => {
    const clock = new ManualClock(0);
    const { fn } = script(clock, [permanent()]);
    const r = await retryWithBackoff(fn, { ...base, deadline: 10_000, clock, sleep: clock.sleep });
    expect(r).toMatchObject({ ok: false, attempts: 1, retryable: false, reason: "not-retryable" });
    expect((r as { error: Error }).error.message).toBe("bad request");
  });

  it("treats any other error (a bug, an unwrapped SDK error) as not retryable", async () => {
    const clock = new ManualClock(0);
    const { fn } = script(clock, [new TypeError("x is undefined")]);
    const r = await retryWithBackoff(fn, { ...base, deadline: 10_000, clock, sleep: clock.sleep });
    expect(r).toMatchObject({ ok: false, attempts: 1, retryable: false });
  });

  it("recognises a retryable ActionFailure from another copy of the class (a bundled plug-in)", async () => {
    const clock = new ManualClock(0);
    const foreign = Object.assign(new Error("busy"), { name: "ActionFailure", retryable: true });
    const { fn } = script(clock, [foreign]);
    const r = await retryWithBackoff(fn, {
      ...base,
      deadline: 10_000,
      clock,
      sleep: clock.sleep,
      random: () => 0,
    });
    expect(r).toMatchObject({ ok: true, attempts: 2 });
  });

  it("honours Retry-After as a floor on the wait", async () => {
    const clock = new ManualClock(0);
    const { fn, calledAt } = script(clock, [retryable(1500), retryable(10)]);
    const r = await retryWithBackoff(fn, {
      ...base,
      deadline: 10_000,
      clock,
      sleep: clock.sleep,
      random: () => 0.5,
    });
    expect(r).toMatchObject({ ok: true, attempts: 3 });
    // 1500 from the server beats a 50 ms jitter; then the 100 ms jitter beats the server's 10.
    expect(clock.sleeps).toEqual([1500, 100]);
    expect(calledAt).toEqual([0, 1500, 1600]);
  });

  it("gives up at once, with the cause, when Retry-After exceeds the time left", async () => {
    const clock = new ManualClock(0);
    const { fn } = script(clock, [retryable(5000)]);
    const r = await retryWithBackoff(fn, { ...base, deadline: 3000, clock, sleep: clock.sleep });
    expect(r).toMatchObject({
      ok: false,
      attempts: 1,
      retryable: true,
      reason: "retry-after-exceeds-deadline",
    });
    expect((r as { error: Error }).error.message).toBe("throttled");
    expect(clock.sleeps).toEqual([]);
  });

  it("stops at the deadline: never sleeps past it", async () => {
    const clock = new ManualClock(0);
    const always = Array.from({ length: 50 }, () => retryable());
    const { fn, calledAt } = script(clock, always);
    const r = await retryWithBackoff(fn, {
      ...base,
      deadline: 1000,
      clock,
      sleep: clock.sleep,
      random: () => 0.999,
    });
    expect(r).toMatchObject({ ok: false, retryable: true, reason: "deadline" });
    // Waits 99, 199, 399 (ends at 697); the next (799) would end past 1000, so it gives up.
    expect(clock.sleeps).toEqual([99, 199, 399]);
    expect(calledAt).toEqual([0, 99, 298, 697]);
    expect(clock.now()).toBeLessThanOrEqual(1000);
  });

  it("counts time the attempts themselves take against the deadline", async () => {
    const clock = new ManualClock(0);
    let calls = 0;
    const slow = async () => {
      calls++;
      clock.advance(400);
      throw retryable();
    };
    const r = await retryWithBackoff(slow, {
      ...base,
      deadline: 1000,
      clock,
      sleep: clock.sleep,
      random: () => 0,
    });
    expect(r).toMatchObject({ ok: false, reason: "deadline", attempts: 3 });
    expect(calls).toBe(3);
  });

  it("makes no attempt when the deadline has already passed", async () => {
    const clock = new ManualClock(5000);
    const { fn, calledAt } = script(clock, []);
    const r = await retryWithBackoff(fn, { ...base, deadline: 5000, clock, sleep: clock.sleep });
    expect(r).toMatchObject({ ok: false, attempts: 0, retryable: true, reason: "deadline" });
    expect(calledAt).toEqual([]);
  });

  it("stops after maxAttempts", async () => {
    const clock = new ManualClock(0);
    const { fn } = script(clock, [retryable(), retryable(), retryable()]);
    const r = await retryWithBackoff(fn, {
      ...base,
      deadline: 10_000,
      maxAttempts: 2,
      clock,
      sleep: clock.sleep,
      random: () => 0,
    });
    expect(r).toMatchObject({ ok: false, attempts: 2, retryable: true, reason: "max-attempts" });
  });

  it("gives up when its signal aborts during a wait", async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const { fn } = script(clock, [retryable(), retryable()]);
    const sleep = async (ms: number) => {
      clock.advance(ms);
      controller.abort();
    };
    const r = await retryWithBackoff(fn, {
      ...base,
      deadline: 10_000,
      clock,
      sleep,
      random: () => 0.5,
      signal: controller.signal,
    });
    expect(r).toMatchObject({ ok: false, attempts: 1, reason: "deadline" });
  });

  it("really sleeps with the default sleep and clock", async () => {
    let n = 0;
    const started = Date.now();
    const r = await retryWithBackoff(
      async () => {
        if (n++ === 0) throw retryable(30);
        return n;
      },
      { baseMs: 1, maxMs: 1, deadline: Date.now() + 5000 },
    );
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
