import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Oracle, type OracleVerdict, startOracle } from "../../support/event-ruler-oracle.js";
import { ARRAY_CASES, MACHINE_CASES, OPERATOR_CASES, PARITY_CASES } from "./support/match-cases.js";
import { ACCEPT_CASES, REJECT_CASES } from "./support/reject-cases.js";

/** The tables the unit tests use are event-ruler's verdicts: re-ask event-ruler itself. */
let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle();
});
afterAll(async () => {
  await oracle?.close();
});

const verdict = (v: OracleVerdict | undefined): string => JSON.stringify(v);

describe("the test tables agree with event-ruler", () => {
  it("match cases", async () => {
    const cases = [...Object.values(OPERATOR_CASES).flat(), ...ARRAY_CASES, ...MACHINE_CASES];
    const verdicts = await oracle.judge(cases.map(({ pattern, event }) => ({ pattern, event })));
    const wrong = cases.filter((c, i) => verdict(verdicts[i]) !== verdict({ result: c.matches }));
    expect(wrong.map((c) => c.why)).toEqual([]);
  });

  it("deliberate differences: event-ruler still answers them its own way", async () => {
    // When an event-ruler release fixes one of these, its PARITY_DIFFERENCES entry can go.
    const fixed = PARITY_CASES.filter((c) => c.eventRuler !== "varies");
    const verdicts = await oracle.judge(fixed.map(({ pattern, event }) => ({ pattern, event })));
    const changed = fixed.filter(
      (c, i) => verdict(verdicts[i]) !== verdict({ result: c.eventRuler === true }),
    );
    expect(changed.map((c) => c.why)).toEqual([]);
    expect(fixed.every((c) => c.eventRuler !== c.matches)).toBe(true);
  });

  it("rejections and acceptances", async () => {
    const rejected = await oracle.judge(REJECT_CASES.map(({ pattern }) => ({ pattern, event: {} })));
    expect(REJECT_CASES.filter((_, i) => !(rejected[i] && "error" in rejected[i]))).toEqual([]);
    const accepted = await oracle.judge(ACCEPT_CASES.map((pattern) => ({ pattern, event: {} })));
    expect(ACCEPT_CASES.filter((_, i) => !(accepted[i] && "result" in accepted[i]))).toEqual([]);
  });
});
