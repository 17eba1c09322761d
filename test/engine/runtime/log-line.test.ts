import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../engine/runtime/clock.js";
import { Executor } from "../../../engine/runtime/executor.js";
import { EVENT_LOG_MESSAGE, eventLogLine, formatInputErrorLine } from "../../../engine/runtime/log-line.js";
import { MemoryIdempotencyStore } from "../../../engine/runtime/memory-idempotency-store.js";
import type { EventOutcome } from "../../../engine/runtime/outcome.js";
import { engineFor, logCollector, testActions, testEvent, testServices } from "./test-actions.js";

const RULES = `
name: mixed
on: { pattern: { source: [test.app] } }
actions:
  - type: test-count
    label: "{{ event.detail.label }}"
  - type: test-fail
    reason: denied
  - type: test-count
    label: "{{ event.detail.nope }}"
---
name: held-back
on: { pattern: { source: [test.app] } }
when: { "==": [{ var: event.detail.label }, other] }
actions: [{ type: test-noop }]
`;

async function logged(ids: string[]): Promise<Record<string, unknown>[]> {
  const { registry } = testActions();
  const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
  const logs = logCollector();
  const executor = new Executor(engineFor(RULES, registry), {
    services: testServices(),
    store: new MemoryIdempotencyStore({ clock }),
    clock,
    sleep: clock.sleep,
    deadline: clock.now() + 60_000,
    log: logs.log,
  });
  await executor.executeAll(ids.map((id) => ({ event: testEvent(id, { label: "L" }), origin: `sqs:${id}` })));
  for (const line of logs.lines) expect(line).not.toContain("\n");
  return logs.parsed();
}

describe("the per-event log line", () => {
  it("is exactly one JSON line per event", async () => {
    const lines = await logged(["a", "b", "c"]);
    expect(lines.map((l) => l.eventId)).toEqual(["a", "b", "c"]);
  });

  it("names the event and every rule decision with each action's result", async () => {
    const [line] = await logged(["evt-1"]);
    expect(line).toEqual({
      level: "error",
      message: EVENT_LOG_MESSAGE,
      eventId: "evt-1",
      source: "test.app",
      detailType: "Test Happened",
      origin: "sqs:evt-1",
      failed: true,
      durationMs: 0,
      decisions: [
        {
          rule: "mixed",
          matched: true,
          condition: true,
          actions: [
            {
              index: 0,
              type: "test-count",
              status: "changed",
              attempts: 1,
              durationMs: 0,
              summary: "counted L",
            },
            {
              index: 1,
              type: "test-fail",
              status: "failed",
              attempts: 1,
              durationMs: 0,
              error: "refused: denied",
              retryable: false,
            },
            {
              index: 2,
              type: "test-count",
              status: "render-error",
              attempts: 0,
              durationMs: 0,
              error: expect.stringContaining("nope"),
            },
          ],
        },
        { rule: "held-back", matched: true, condition: false, actions: [] },
      ],
      totals: {
        matched: 2,
        conditionTrue: 1,
        conditionErrors: 0,
        actions: {
          changed: 1,
          unchanged: 0,
          failed: 1,
          "skipped-duplicate": 0,
          "skipped-in-progress": 0,
          "render-error": 1,
        },
      },
    });
  });

  const base: EventOutcome = {
    eventId: "e",
    source: "s",
    detailType: "d",
    origin: "o",
    decisions: [],
    totals: {
      matched: 1,
      conditionTrue: 1,
      conditionErrors: 0,
      actions: {
        changed: 0,
        unchanged: 0,
        failed: 0,
        "skipped-duplicate": 1,
        "skipped-in-progress": 1,
        "render-error": 0,
      },
    },
    durationMs: 5,
    failed: false,
  };

  it.each([
    {
      status: "skipped-duplicate",
      outcome: { previous: { status: "changed", summary: "tagged" } },
      entry: { summary: "already changed: tagged" },
    },
    { status: "skipped-in-progress", outcome: {}, entry: {} },
    {
      status: "failed",
      outcome: { error: "slow down", retryable: true, gaveUp: "deadline", warning: "w" },
      entry: { error: "slow down", retryable: true, gaveUp: "deadline", warning: "w" },
    },
  ])("renders $status actions", ({ status, outcome, entry }) => {
    const action = { index: 0, type: "t", status, attempts: 0, durationMs: 1, ...outcome };
    const line = eventLogLine({
      ...base,
      decisions: [{ rule: "r", file: "f", condition: true, actions: [action as never] }],
    });
    expect(line.level).toBe("info");
    expect(line.decisions[0]!.actions[0]).toEqual({
      index: 0,
      type: "t",
      status,
      attempts: 0,
      durationMs: 1,
      ...entry,
    });
  });

  it("leaves out machine detail (it stays in the outcome) to keep the line small", () => {
    const line = eventLogLine({
      ...base,
      decisions: [
        {
          rule: "r",
          file: "f",
          condition: true,
          actions: [
            {
              index: 0,
              type: "t",
              status: "changed",
              summary: "s",
              detail: { big: "x".repeat(1000) },
              attempts: 1,
              durationMs: 1,
            },
          ],
        },
      ],
    });
    expect(JSON.stringify(line)).not.toContain("big");
  });

  it("formats invalid input as an error line naming the field", () => {
    const line = JSON.parse(
      formatInputErrorLine({ origin: "sqs:m1", field: "Records[0].body", message: "message is not JSON" }),
    );
    expect(line).toEqual({
      level: "error",
      message: "rulebridge invalid input",
      origin: "sqs:m1",
      field: "Records[0].body",
      error: "message is not JSON",
    });
  });
});
