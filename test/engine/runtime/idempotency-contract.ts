import { beforeEach, describe, expect, it } from "vitest";
import type { ActionResult } from "../../../engine/action/types.js";
import { ManualClock } from "../../../engine/runtime/clock.js";
import type { IdempotencyKey, IdempotencyStore } from "../../../engine/runtime/idempotency.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const RESULT: ActionResult = { status: "changed", summary: "tagged i-1", detail: { tags: { Name: "a-b" } } };

/**
 * The semantics every IdempotencyStore must have, run against each implementation (memory, and
 * DynamoDB on a real moto server), so the two cannot drift apart.
 */
export function describeStoreContract(
  name: string,
  makeStore: (clock: ManualClock) => Promise<IdempotencyStore> | IdempotencyStore,
): void {
  describe(`${name}: IdempotencyStore contract`, () => {
    let clock: ManualClock;
    let store: IdempotencyStore;
    let n = 0;
    let key: IdempotencyKey;

    beforeEach(async () => {
      clock = new ManualClock(T0);
      store = await makeStore(clock);
      // A fresh key per test: stores may be shared between tests.
      key = { eventId: `evt-${Date.now()}-${n++}`, rule: "rule-a", actionIndex: 0 };
    });

    it("a new key starts, and hands out a lock token", async () => {
      const r = await store.begin(key, 60);
      expect(r.state).toBe("started");
      expect(r.state === "started" && r.token.length).toBeGreaterThan(0);
    });

    it("a started key is in progress for everyone else until its lock expires", async () => {
      await store.begin(key, 60);
      expect(await store.begin(key, 60)).toEqual({ state: "in-progress" });
      clock.advance(59_000);
      expect(await store.begin(key, 60)).toEqual({ state: "in-progress" });
      clock.advance(2_000);
      expect((await store.begin(key, 60)).state).toBe("started");
    });

    it("a completed key is done, with the recorded result", async () => {
      const r = await store.begin(key, 60);
      if (r.state !== "started") throw new Error("expected started");
      expect(await store.complete(key, r.token, RESULT, 3600)).toBe(true);
      expect(await store.begin(key, 60)).toEqual({ state: "done", result: RESULT });
      // Still done after the lock would have expired: the result's TTL applies now.
      clock.advance(120_000);
      expect(await store.begin(key, 60)).toEqual({ state: "done", result: RESULT });
    });

    it("a done record expires after its TTL, and the action may run again", async () => {
      const r = await store.begin(key, 60);
      if (r.state !== "started") throw new Error("expected started");
      await store.complete(key, r.token, RESULT, 3600);
      clock.advance(3_601_000);
      expect((await store.begin(key, 60)).state).toBe("started");
    });

    it("an abandoned key can start again at once", async () => {
      const r = await store.begin(key, 60);
      if (r.state !== "started") throw new Error("expected started");
      await store.abandon(key, r.token);
      expect((await store.begin(key, 60)).state).toBe("started");
    });

    it("a holder whose lock expired and was taken over can neither complete nor abandon", async () => {
      const first = await store.begin(key, 10);
      if (first.state !== "started") throw new Error("expected started");
      clock.advance(11_000);
      const second = await store.begin(key, 10);
      if (second.state !== "started") throw new Error("expected takeover");
      expect(await store.complete(key, first.token, RESULT, 3600)).toBe(false);
      await store.abandon(key, first.token);
      expect(await store.begin(key, 10)).toEqual({ state: "in-progress" });
      expect(await store.complete(key, second.token, RESULT, 3600)).toBe(true);
      expect(await store.begin(key, 10)).toEqual({ state: "done", result: RESULT });
    });

    it.each([
      { other: { rule: "rule-b" }, what: "another rule" },
      { other: { actionIndex: 1 }, what: "another action index" },
      { other: { eventId: "someone-else" }, what: "another event" },
    ])("keys are independent: $what", async ({ other }) => {
      await store.begin(key, 60);
      expect((await store.begin({ ...key, ...other }, 60)).state).toBe("started");
    });

    it("of concurrent begins for one key, exactly one starts", async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => store.begin(key, 60)));
      expect(results.filter((r) => r.state === "started")).toHaveLength(1);
      expect(results.filter((r) => r.state === "in-progress")).toHaveLength(7);
    });
  });
}
