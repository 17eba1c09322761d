import { describe, expect, it } from "vitest";
import { type EmfDocument, metricDocuments, metricLines } from "../../../engine/runtime/emf.js";
import { type ActionRunOutcome, type EventOutcome, totalsOf } from "../../../engine/runtime/outcome.js";

const TS = Date.parse("2026-01-01T00:00:00Z");

function outcome(actionsByRule: ActionRunOutcome[][], extra: Partial<EventOutcome> = {}): EventOutcome {
  const decisions = actionsByRule.map((actions, i) => ({
    rule: `r${i}`,
    file: "f",
    condition: true,
    actions,
  }));
  const totals = totalsOf(decisions);
  return {
    eventId: "e",
    source: "s",
    detailType: "d",
    origin: "o",
    decisions,
    totals,
    durationMs: 1,
    failed: totals.actions.failed + totals.actions["render-error"] > 0,
    ...extra,
  };
}

const a = (type: string, status: ActionRunOutcome["status"]): ActionRunOutcome =>
  ({
    index: 0,
    type,
    status,
    attempts: 1,
    durationMs: 1,
    summary: "",
    error: "",
    retryable: false,
  }) as ActionRunOutcome;

/**
 * Checks what the EMF specification requires of a document: `_aws` with a numeric Timestamp and
 * CloudWatchMetrics directives; every dimension key and every metric name a root member; metric
 * values numbers; dimension values strings; at most 30 dimensions per set, 100 metrics per directive.
 */
function expectValidEmf(doc: EmfDocument): void {
  expect(typeof doc._aws.Timestamp).toBe("number");
  expect(doc._aws.CloudWatchMetrics.length).toBeGreaterThan(0);
  for (const directive of doc._aws.CloudWatchMetrics) {
    expect(typeof directive.Namespace).toBe("string");
    expect(directive.Metrics.length).toBeLessThanOrEqual(100);
    for (const set of directive.Dimensions) {
      expect(set.length).toBeLessThanOrEqual(30);
      for (const dim of set) expect(typeof doc[dim]).toBe("string");
    }
    for (const m of directive.Metrics) {
      expect(typeof m.Name).toBe("string");
      expect(typeof doc[m.Name]).toBe("number");
      expect(m.Unit).toBe("Count");
    }
  }
}

describe("EMF metrics", () => {
  const outcomes = [
    outcome([[a("sns-publish", "changed"), a("slack-post", "failed")], [a("sns-publish", "unchanged")]]),
    outcome([[a("sns-publish", "skipped-duplicate"), a("slack-post", "render-error")]]),
    outcome([]),
    outcome([], { unknownRule: "gone", failed: true }),
  ];

  it("one totals document without dimensions, then one per action type", () => {
    const docs = metricDocuments({ outcomes, invalidInputs: 2, timestamp: TS });
    for (const d of docs) expectValidEmf(d);
    expect(docs[0]).toEqual({
      _aws: {
        Timestamp: TS,
        CloudWatchMetrics: [
          {
            Namespace: "rulebridge",
            Dimensions: [[]],
            Metrics: [
              "Events",
              "EventsFailed",
              "Matches",
              "ActionsSucceeded",
              "ActionsFailed",
              "ActionsSkipped",
              "InvalidInputs",
            ].map((Name) => ({ Name, Unit: "Count" })),
          },
        ],
      },
      Events: 4,
      EventsFailed: 3,
      Matches: 3,
      ActionsSucceeded: 2,
      ActionsFailed: 2,
      ActionsSkipped: 1,
      InvalidInputs: 2,
    });
    expect(
      docs.slice(1).map((d) => [d.ActionType, d.ActionsSucceeded, d.ActionsFailed, d.ActionsSkipped]),
    ).toEqual([
      ["slack-post", 0, 2, 0],
      ["sns-publish", 2, 0, 1],
    ]);
    expect(docs[1]!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([["ActionType"]]);
  });

  it("an invocation with no events still reports Events = 0", () => {
    const docs = metricDocuments({ outcomes: [], timestamp: TS });
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ Events: 0, Matches: 0, ActionsFailed: 0 });
  });

  it("lines are single-line JSON documents", () => {
    const lines = metricLines({ outcomes, timestamp: TS, namespace: "custom" });
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(l).not.toContain("\n");
      expect((JSON.parse(l) as EmfDocument)._aws.CloudWatchMetrics[0]!.Namespace).toBe("custom");
    }
  });
});
