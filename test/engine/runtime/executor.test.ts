import { describe, expect, it } from "vitest";
import type { ActionResult } from "../../../engine/action/types.js";
import type { InputItem } from "../../../engine/envelope.js";
import { ManualClock } from "../../../engine/runtime/clock.js";
import { Executor, type ExecutorOptions, executeEvent } from "../../../engine/runtime/executor.js";
import type { IdempotencyStore } from "../../../engine/runtime/idempotency.js";
import { MemoryIdempotencyStore } from "../../../engine/runtime/memory-idempotency-store.js";
import type { ActionRunOutcome, EventOutcome } from "../../../engine/runtime/outcome.js";
import { engineFor, logCollector, testActions, testEvent, testServices } from "./test-actions.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");

function setup(yaml: string, overrides: Partial<ExecutorOptions> = {}) {
  const actions = testActions();
  const engine = engineFor(yaml, actions.registry);
  const clock = new ManualClock(T0);
  const logs = logCollector();
  const store = new MemoryIdempotencyStore({ clock });
  const opts: ExecutorOptions = {
    services: testServices(),
    store,
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
    deadline: T0 + 60_000,
    log: logs.log,
    ...overrides,
  };
  const executor = () => new Executor(engine, opts);
  const run = (item: InputItem) => executor().execute(item);
  return { ...actions, engine, clock, logs, store, opts, executor, run };
}

const item = (id: string, detail: Record<string, unknown> = {}, rule?: string): InputItem => ({
  event: testEvent(id, detail),
  origin: `test:${id}`,
  ...(rule !== undefined ? { rule } : {}),
});

const statuses = (o: EventOutcome) => o.decisions.map((d) => d.actions.map((a) => a.status));
const action = (o: EventOutcome, rule = 0, index = 0): ActionRunOutcome => o.decisions[rule]!.actions[index]!;

const THREE_ACTIONS = `
name: three
on: { pattern: { source: [test.app] } }
actions:
  - type: test-count
    label: "first {{ event.detail.n }}"
  - type: test-fail
    reason: nope
  - type: test-count
    label: third
`;

describe("Executor: order and independence", () => {
  it("runs actions in order, and one failing does not stop the rest", async () => {
    const t = setup(THREE_ACTIONS);
    const o = await t.run(item("e1", { n: 7 }));
    expect(t.calls.map((c) => `${c.type}:${String(c.params.label ?? c.params.reason)}`)).toEqual([
      "test-count:first 7",
      "test-fail:nope",
      "test-count:third",
    ]);
    expect(statuses(o)).toEqual([["changed", "failed", "changed"]]);
    expect(action(o, 0, 1)).toMatchObject({ error: "refused: nope", retryable: false, attempts: 1 });
    expect(action(o, 0, 0)).toMatchObject({ summary: "counted first 7", attempts: 1 });
    expect(o.failed).toBe(true);
    expect(o.totals.actions).toMatchObject({ changed: 2, failed: 1 });
  });

  const TWO_RULES = `
name: alpha
on: { pattern: { source: [test.app] } }
actions: [{ type: test-count, label: alpha }]
---
name: beta
on: { pattern: { source: [test.app] } }
when: { "==": [{ var: event.detail.go }, true] }
actions: [{ type: test-noop }]
`;

  it.each([
    {
      name: "every matching rule runs, in file order",
      detail: { go: true },
      rule: undefined,
      runs: ["alpha", "beta"],
    },
    {
      name: "a false condition holds the rule back",
      detail: { go: false },
      rule: undefined,
      runs: ["alpha"],
    },
    {
      name: "a named rule runs alone (deploy's {rule, event})",
      detail: { go: true },
      rule: "beta",
      runs: ["beta"],
    },
  ])("$name", async ({ detail, rule, runs }) => {
    const t = setup(TWO_RULES);
    const o = await t.run(item("e2", detail, rule));
    expect(t.calls.map((c) => c.rule)).toEqual(runs);
    expect(o.failed).toBe(false);
    if (rule) expect(o.rule).toBe(rule);
  });

  it("a false condition is reported as a decision without actions", async () => {
    const t = setup(TWO_RULES);
    const o = await t.run(item("e3", { go: false }));
    expect(o.decisions.map((d) => [d.rule, d.condition, d.actions.length])).toEqual([
      ["alpha", true, 1],
      ["beta", false, 0],
    ]);
  });

  it("a named rule that is not loaded fails the event (deploy mismatch), running nothing", async () => {
    const t = setup(TWO_RULES);
    const o = await t.run(item("e4", {}, "gamma"));
    expect(o).toMatchObject({ unknownRule: "gamma", failed: true, decisions: [] });
    expect(t.calls).toEqual([]);
  });

  it("an event no rule matches is not a failure", async () => {
    const t = setup(TWO_RULES);
    const o = await t.run({ event: { ...testEvent("e5"), source: "other.app" }, origin: "x" });
    expect(o).toMatchObject({ decisions: [], failed: false, source: "other.app" });
  });
});

describe("Executor: statuses", () => {
  it.each([
    {
      name: "render error: the action never runs, the others do",
      actions: `[{ type: test-count, label: "{{ event.detail.missing }}" }, { type: test-noop }]`,
      expected: ["render-error", "unchanged"],
      failed: true,
    },
    {
      name: "an action without run (plan only) fails, not retryable",
      actions: "[{ type: test-plan-only }]",
      expected: ["failed"],
      failed: true,
    },
    {
      name: "an unexpected error is a failure, not retryable, and says what kind",
      actions: "[{ type: test-crash }]",
      expected: ["failed"],
      failed: true,
    },
    {
      name: "unchanged is success",
      actions: "[{ type: test-noop }]",
      expected: ["unchanged"],
      failed: false,
    },
  ])("$name", async ({ actions, expected, failed }) => {
    const t = setup(`name: r\non: { pattern: { source: [test.app] } }\nactions: ${actions}\n`);
    const o = await t.run(item("s1"));
    expect(statuses(o)).toEqual([expected]);
    expect(o.failed).toBe(failed);
  });

  it("reports the render error and the crash cause", async () => {
    const t = setup(
      `name: r\non: { pattern: { source: [test.app] } }\nactions: [{ type: test-count, label: "{{ event.detail.missing }}" }, { type: test-crash }]\n`,
    );
    const o = await t.run(item("s2"));
    expect(action(o, 0, 0)).toMatchObject({ status: "render-error", attempts: 0 });
    expect((action(o, 0, 0) as { error: string }).error).toContain("missing");
    expect(action(o, 0, 1)).toMatchObject({
      status: "failed",
      retryable: false,
      error: "TypeError: cannot read properties of undefined",
    });
  });
});

const FLAKY = (params: string) => `
name: flaky
on: { pattern: { source: [test.app] } }
actions:
  - type: test-flaky
    ${params}
  - type: test-noop
`;

describe("Executor: retries inside the deadline", () => {
  it("retries a retryable failure with backoff until it succeeds", async () => {
    const t = setup(FLAKY("failTimes: 2"));
    const o = await t.run(item("r1"));
    expect(action(o)).toMatchObject({ status: "changed", attempts: 3, summary: "succeeded on call 3" });
    // Full jitter at random 0.5: half of 200, then half of 400.
    expect(t.clock.sleeps).toEqual([100, 200]);
    expect(action(o).durationMs).toBe(300);
    expect(o.failed).toBe(false);
  });

  it("gives up at the deadline with the last cause, retryable, and still runs the next action", async () => {
    const t = setup(FLAKY("failTimes: 1000"), { deadline: T0 + 2_000, retry: { maxAttempts: 100 } });
    const o = await t.run(item("r2"));
    expect(action(o)).toMatchObject({ status: "failed", retryable: true, gaveUp: "deadline" });
    expect((action(o) as { error: string }).error).toMatch(/^flaky failure \d+$/);
    expect(action(o).attempts).toBeGreaterThan(2);
    expect(t.clock.now()).toBeLessThanOrEqual(T0 + 2_000);
    expect(action(o, 0, 1).status).toBe("unchanged");
  });

  it("gives up at once when the server's Retry-After is longer than the time left", async () => {
    const t = setup(FLAKY("failTimes: 5\n    retryAfterMs: 120000"));
    const o = await t.run(item("r3"));
    expect(action(o)).toMatchObject({
      status: "failed",
      attempts: 1,
      retryable: true,
      gaveUp: "retry-after-exceeds-deadline",
    });
    expect(t.clock.sleeps).toEqual([]);
  });

  it("starts no action once the deadline has passed", async () => {
    const t = setup(FLAKY("failTimes: 0"), { deadline: T0 });
    const o = await t.run(item("r4"));
    expect(statuses(o)).toEqual([["failed", "failed"]]);
    expect(action(o)).toMatchObject({ retryable: true, attempts: 0 });
    expect(t.calls).toEqual([]);
    // No lock was taken: a redelivery with time left runs the actions.
    expect(t.store.size).toBe(0);
  });

  it("abandons an action that ignores its signal at the deadline (real clock)", async () => {
    const actions = testActions();
    const engine = engineFor(
      "name: slow\non: { pattern: { source: [test.app] } }\nactions: [{ type: test-sleep, ms: 5000 }]\n",
      actions.registry,
    );
    const started = Date.now();
    const o = await executeEvent(engine, item("r5"), {
      services: testServices(),
      store: new MemoryIdempotencyStore(),
      deadline: Date.now() + 150,
      log: () => {},
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(action(o)).toMatchObject({ status: "failed", retryable: true });
    expect((action(o) as { error: string }).error).toContain("deadline");
  });
});

describe("Executor: idempotency", () => {
  it("skips actions already done when the event is replayed, and reruns the ones that failed", async () => {
    const t = setup(THREE_ACTIONS);
    const first = await t.run(item("d1", { n: 1 }));
    expect(statuses(first)).toEqual([["changed", "failed", "changed"]]);
    const replay = await t.run(item("d1", { n: 1 }));
    expect(statuses(replay)).toEqual([["skipped-duplicate", "failed", "skipped-duplicate"]]);
    expect(action(replay)).toMatchObject({
      attempts: 0,
      previous: { status: "changed", summary: "counted first 1" },
    });
    expect(t.calls.map((c) => c.type)).toEqual(["test-count", "test-fail", "test-count", "test-fail"]);
    expect(replay.failed).toBe(true);
  });

  it("a retry that succeeds on redelivery is then recorded", async () => {
    const t = setup(FLAKY("failTimes: 1"), { retry: { maxAttempts: 1 } });
    expect(statuses(await t.run(item("d2")))).toEqual([["failed", "unchanged"]]);
    expect(statuses(await t.run(item("d2")))).toEqual([["changed", "skipped-duplicate"]]);
    expect(statuses(await t.run(item("d2")))).toEqual([["skipped-duplicate", "skipped-duplicate"]]);
  });

  it("keys by (event id, rule, action index): the same event under another rule runs", async () => {
    const yaml = `
name: one
on: { pattern: { source: [test.app] } }
actions: [{ type: test-count, label: x }]
---
name: two
on: { pattern: { source: [test.app] } }
actions: [{ type: test-count, label: x }]
`;
    const t = setup(yaml);
    await t.run(item("d3", {}, "one"));
    const other = await t.run(item("d3", {}, "two"));
    expect(statuses(other)).toEqual([["changed"]]);
    const again = await t.run(item("d3"));
    expect(statuses(again)).toEqual([["skipped-duplicate"], ["skipped-duplicate"]]);
    expect(t.calls).toHaveLength(2);
  });

  it("an event without an id is keyed by its content", async () => {
    const t = setup(THREE_ACTIONS);
    const { id: _id, ...event } = testEvent("ignored", { n: 2 });
    await t.run({ event, origin: "a" });
    const replay = await t.run({ event, origin: "b" });
    expect(action(replay).status).toBe("skipped-duplicate");
    const different = await t.run({ event: { ...event, detail: { n: 3 } }, origin: "c" });
    expect(action(different).status).toBe("changed");
  });

  it("reports skipped-in-progress, not failed, when another invocation holds the lock", async () => {
    const t = setup(FLAKY("failTimes: 0"));
    await t.store.begin({ eventId: "d4", rule: "flaky", actionIndex: 0 }, 60);
    const o = await t.run(item("d4"));
    expect(statuses(o)).toEqual([["skipped-in-progress", "unchanged"]]);
    expect(o.failed).toBe(false);
    expect(t.calls.map((c) => c.type)).toEqual(["test-noop"]);
  });

  it("a lock left by a crashed invocation expires with that invocation", async () => {
    const t = setup(FLAKY("failTimes: 0"), { invocationEndsAt: T0 + 10_000 });
    const key = { eventId: "d6", rule: "flaky", actionIndex: 0 };
    // What a crashed executor leaves behind: a lock as long as its invocation (10 s + 1 s).
    const crashed = await t.store.begin(key, 11);
    expect(crashed.state).toBe("started");
    t.clock.advance(5_000);
    expect(action(await t.run(item("d6"))).status).toBe("skipped-in-progress");
    t.clock.advance(7_000);
    expect(action(await t.run(item("d6"))).status).toBe("changed");
  });

  it("does not run the action when the store is unavailable, and fails retryably", async () => {
    const broken: IdempotencyStore = {
      begin: () => Promise.reject(new Error("ProvisionedThroughputExceeded")),
      complete: () => Promise.resolve(true),
      abandon: () => Promise.resolve(),
    };
    const t = setup(FLAKY("failTimes: 0"), { store: broken });
    const o = await t.run(item("d7"));
    expect(action(o)).toMatchObject({ status: "failed", retryable: true, attempts: 0 });
    expect((action(o) as { error: string }).error).toContain("ProvisionedThroughputExceeded");
    expect(t.calls).toEqual([]);
  });

  it("keeps a success when recording it fails, with a warning", async () => {
    const memory = new MemoryIdempotencyStore();
    const flaky: IdempotencyStore = {
      begin: (k, s) => memory.begin(k, s),
      complete: () => Promise.reject(new Error("network down")),
      abandon: (k, tok) => memory.abandon(k, tok),
    };
    const t = setup("name: r\non: { pattern: { source: [test.app] } }\nactions: [{ type: test-noop }]\n", {
      store: flaky,
    });
    const o = await t.run(item("d8"));
    expect(action(o)).toMatchObject({ status: "unchanged" });
    expect(action(o).warning).toContain("network down");
    expect(o.failed).toBe(false);
  });
});

describe("Executor: concurrency and logs", () => {
  it("executeAll keeps input order and runs `concurrency` events at once", async () => {
    const actions = testActions();
    const engine = engineFor(
      "name: slow\non: { pattern: { source: [test.app] } }\nactions: [{ type: test-sleep, ms: 120 }]\n",
      actions.registry,
    );
    const logs = logCollector();
    const executor = new Executor(engine, {
      services: testServices(),
      store: new MemoryIdempotencyStore(),
      deadline: Date.now() + 30_000,
      concurrency: 3,
      log: logs.log,
    });
    const started = Date.now();
    const outcomes = await executor.executeAll([item("c1"), item("c2"), item("c3")]);
    expect(Date.now() - started).toBeLessThan(330);
    expect(outcomes.map((o) => o.eventId)).toEqual(["c1", "c2", "c3"]);
    expect(logs.lines).toHaveLength(3);
  });

  it("logs exactly one line per event, matched or not", async () => {
    const t = setup(THREE_ACTIONS);
    await t
      .executor()
      .executeAll([
        item("l1", { n: 1 }),
        { event: { ...testEvent("l2"), source: "nobody.cares" }, origin: "x" },
      ]);
    const lines = t.logs.parsed();
    expect(lines.map((l) => l.eventId)).toEqual(["l1", "l2"]);
  });
});

describe("Executor: secrets", () => {
  it("keeps secretParams values and webhook URLs out of outcomes and log lines", async () => {
    const t = setup(`
name: secret
on: { pattern: { source: [test.app] } }
actions:
  - type: test-secret
    token: "{{ event.detail.token }}"
    leak: "again: {{ event.detail.token }} and https://user:hunter2-pass@example.com/x"
`);
    const o = await t.run(item("x1", { token: "tok-0123456789abcdef" }));
    const everything = JSON.stringify(o) + t.logs.lines.join("\n");
    expect(everything).not.toContain("tok-0123456789abcdef");
    expect(everything).not.toContain("XXXXSECRET");
    expect(everything).not.toContain("hunter2-pass");
    expect((action(o) as { error: string }).error).toBe(
      "POST https://hooks.slack.com/[redacted] failed with token [redacted]; again: [redacted] and https://[redacted]@example.com/x",
    );
  });

  it("scrubs values actions decrypted into the secret cache, in outcomes and in stored results", async () => {
    const t = setup(
      "name: r\non: { pattern: { source: [test.app] } }\nactions: [{ type: test-count, label: x }]\n",
    );
    const services = t.opts.services;
    const decrypted = "https://example.com/hook/abcdef0123456789";
    services.secrets.set("webhook", Promise.resolve(decrypted));
    // A rejected decryption must not break redaction.
    const failed = Promise.reject(new Error("kms down"));
    failed.catch(() => {});
    services.secrets.set("other", failed);
    const base = t.registry.get("test-count")!;
    const leaky = async (): Promise<ActionResult> => ({
      status: "changed",
      summary: `posted to ${decrypted}`,
      detail: { url: decrypted },
    });
    (base as { run?: unknown }).run = leaky;
    const o = await t.run(item("x2"));
    expect(JSON.stringify(o)).not.toContain(decrypted);
    expect(action(o)).toMatchObject({ summary: "posted to [redacted]", detail: { url: "[redacted]" } });
    const replay = await t.run(item("x2"));
    expect(action(replay)).toMatchObject({ previous: { summary: "posted to [redacted]" } });
  });

  it("scrubs what an action's own secretPatterns recognise, in outcomes, log lines and stored results", async () => {
    const t = setup(
      "name: r\non: { pattern: { source: [test.app] } }\nactions: [{ type: test-count, label: x }]\n",
    );
    const key = "acme_live_0123456789abcdefghij";
    const base = t.registry.get("test-count")!;
    Object.assign(base, {
      secretPatterns: [{ name: "Acme API key", pattern: /acme_live_[a-z0-9]{20}/ }],
      run: async (): Promise<ActionResult> => ({
        status: "changed",
        summary: `called with ${key}`,
        detail: { key },
      }),
    });
    const o = await t.run(item("x3"));
    expect(JSON.stringify(o) + t.logs.lines.join("\n")).not.toContain(key);
    expect(action(o)).toMatchObject({ summary: "called with [redacted]", detail: { key: "[redacted]" } });
    const replay = await t.run(item("x3"));
    expect(action(replay)).toMatchObject({ previous: { summary: "called with [redacted]" } });
    // A failure's message is the action's own text: the executor scrubs it too.
    Object.assign(base, {
      run: async () => {
        throw new Error(`refused ${key}`);
      },
    });
    const failed = await t.run(item("x4"));
    expect(JSON.stringify(failed) + t.logs.lines.join("\n")).not.toContain(key);
    expect(action(failed)).toMatchObject({ status: "failed", error: "Error: refused [redacted]" });
  });
});
