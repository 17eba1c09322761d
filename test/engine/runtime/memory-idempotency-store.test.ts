import { expect, it } from "vitest";
import { ManualClock } from "../../../engine/runtime/clock.js";
import { MemoryIdempotencyStore } from "../../../engine/runtime/memory-idempotency-store.js";
import { describeStoreContract } from "./idempotency-contract.js";

describeStoreContract("MemoryIdempotencyStore", (clock) => new MemoryIdempotencyStore({ clock }));

it("MemoryIdempotencyStore keeps its own copy of a result", async () => {
  const store = new MemoryIdempotencyStore();
  const key = { eventId: "e", rule: "r", actionIndex: 0 };
  const r = await store.begin(key, 60);
  if (r.state !== "started") throw new Error("expected started");
  const result = { status: "changed" as const, summary: "before" };
  await store.complete(key, r.token, result, 60);
  result.summary = "after";
  expect(await store.begin(key, 60)).toEqual({
    state: "done",
    result: { status: "changed", summary: "before" },
  });
});

it("MemoryIdempotencyStore sweeps expired records so a warm container does not grow without bound", async () => {
  const clock = new ManualClock(0);
  const store = new MemoryIdempotencyStore({ clock });
  for (let i = 0; i < 999; i++) await store.begin({ eventId: `e${i}`, rule: "r", actionIndex: 0 }, 1);
  expect(store.size).toBe(999);
  clock.advance(2_000);
  await store.begin({ eventId: "last", rule: "r", actionIndex: 0 }, 1);
  expect(store.size).toBe(1);
});
