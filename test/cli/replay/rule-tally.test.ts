import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RuleRef, RuleTallies } from "../../../cli/replay/rule-tally.js";
import { RuleVerdicts } from "../../../cli/replay/rule-verdicts.js";

// Rule r2 is disabled: its verdicts are not counted anywhere.
const rules: RuleRef[] = Array.from({ length: 6 }, (_, i) => ({
  name: `r${i}`,
  file: "r.yaml",
  enabled: i !== 2,
}));

/** One rule's verdict in an event: its condition, then one entry per action (an error or planned). */
const verdict = fc.record({
  rule: fc.integer({ min: 0, max: rules.length - 1 }),
  condition: fc.constantFrom<boolean | "error">(true, true, false, "error"),
  actions: fc.array(fc.option(fc.constantFrom("boom", "bang"), { nil: undefined }), { maxLength: 3 }),
});
const event = fc.array(verdict, { maxLength: 3 });

interface Counted {
  id: string;
  v: { rule: number; condition: boolean | "error"; actions: (string | undefined)[] }[];
}

function count(tallies: RuleTallies, verdicts: RuleVerdicts, events: Counted) {
  verdicts.reset();
  events.v.forEach((v, at) => {
    verdicts.rule(at, { name: `r${v.rule}` }, v.condition, v.condition === "error" ? "bad" : undefined);
    if (v.condition === true)
      for (const [i, error] of v.actions.entries()) verdicts.action(at, { index: i, type: "t" }, error);
  });
  tallies.addDecisions(verdicts, events.id);
}

describe("RuleTallies deltas", () => {
  it("batches counted by two threads and merged in reading order give one thread's tallies", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ thread: fc.integer({ min: 0, max: 1 }), events: fc.array(event, { maxLength: 6 }) }),
          {
            maxLength: 12,
          },
        ),
        fc.integer({ min: 0, max: 3 }),
        (batches, sample) => {
          const verdicts = new RuleVerdicts();
          const alone = new RuleTallies(rules, sample);
          const threads = [new RuleTallies(rules, sample), new RuleTallies(rules, sample)];
          const merged = new RuleTallies(rules, sample);
          let n = 0;
          for (const batch of batches) {
            const thread = threads[batch.thread] as RuleTallies;
            for (const v of batch.events) {
              const e = { id: `e${n++}`, v };
              count(alone, verdicts, e);
              count(thread, verdicts, e);
            }
            thread.unknownRule += batch.events.length % 2;
            alone.unknownRule += batch.events.length % 2;
            // Plain data between threads: what structured cloning keeps.
            merged.merge(structuredClone(thread.takeDelta()));
          }
          expect(merged.tallies).toEqual(alone.tallies);
          expect(merged.unknownRule).toBe(alone.unknownRule);
          expect(merged.failed).toBe(alone.failed);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a delta holds only what was counted since the last one", () => {
    const verdicts = new RuleVerdicts();
    const t = new RuleTallies(rules, 1);
    count(t, verdicts, { id: "a", v: [{ rule: 0, condition: true, actions: [undefined, "boom"] }] });
    expect(t.takeDelta()).toEqual({
      unknownRule: 0,
      counts: [0, 1, 1, 1, 1],
      found: [{ at: 0, samples: ["a"], firstFailure: { event: "a", message: "action 1 (t): boom" } }],
    });
    count(t, verdicts, { id: "b", v: [{ rule: 0, condition: true, actions: ["bang"] }] });
    // The sample and first failure were sent: later ones are never needed by a merge in order.
    expect(t.takeDelta()).toEqual({ unknownRule: 0, counts: [0, 1, 1, 0, 1], found: [] });
    expect(t.takeDelta()).toEqual({ unknownRule: 0, counts: [], found: [] });
    // The tallies themselves go on counting.
    expect(t.get("r0")).toMatchObject({ matched: 2, actionsPlanned: 1, failed: 2, samples: ["a"] });
  });
});
