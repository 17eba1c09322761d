import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkEvent, PatternIndex } from "../../../../engine/pattern/index.js";
import { fieldName } from "../../../../engine/pattern/reading/event-check.js";
import { oracleCommand } from "../../../support/event-ruler-oracle.js";

/**
 * Events EventBridge cannot read (issue 19): checkEvent names the reason and the field, at
 * event-ruler's limits, so the CLI and the handler report them instead of "no match".
 */

/** event-ruler's verdicts on event texts (sent as text: nested in a request, an event is one level deeper). */
function oracleOnTexts(pattern: unknown, texts: readonly string[]): unknown[] {
  const { command, args } = oracleCommand();
  const input = texts.map((eventText) => JSON.stringify({ pattern, eventText })).join("\n");
  const result = spawnSync(command, args, { input: `${input}\n`, encoding: "utf8", timeout: 60_000 });
  return result.stdout
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as unknown);
}

/** `levels` nested arrays under `x` (the event's object is level 1): as JSON text. */
const deepText = (levels: number): string =>
  `{"source":"aws.ecs","x":${"[".repeat(levels)}${"]".repeat(levels)}}`;
const longName = (n: number): string => `{"source":"aws.ecs","${"k".repeat(n)}":1}`;

const CASES: { label: string; text: string; reason: RegExp | null; path?: (string | number)[] }[] = [
  { label: "999 levels below the top", text: deepText(999), reason: null },
  {
    label: "1,000 levels below the top",
    text: deepText(1_000),
    reason: /nesting depth \(1001\)/,
    path: ["x", 0],
  },
  { label: "a name of 50,000 characters", text: longName(50_000), reason: null },
  { label: "a name of 50,001 characters", text: longName(50_001), reason: /Name length \(50001\)/ },
];

describe("checkEvent", () => {
  it("refuses exactly what event-ruler refuses (nesting, name length)", () => {
    const verdicts = oracleOnTexts(
      { source: ["aws.ecs"] },
      CASES.map(({ text }) => text),
    );
    expect(verdicts).toHaveLength(CASES.length);
    CASES.forEach(({ label, text, reason }, i) => {
      const error = checkEvent(JSON.parse(text));
      if (reason === null) {
        expect(error, label).toBeNull();
        expect(verdicts[i], label).toEqual({ result: true });
      } else {
        expect(error?.message, label).toMatch(reason);
        expect(verdicts[i], label).toEqual({ error: expect.stringMatching(reason) });
      }
    });
    expect(checkEvent(JSON.parse(deepText(1_000)))?.path.slice(0, 2)).toEqual(["x", 0]);
  });

  it.each([
    {
      label: "1e400",
      event: JSON.parse('{"detail":{"size":1e400}}'),
      field: "detail.size",
      reason: /out of range/,
    },
    {
      label: "-1e400 in an array",
      event: JSON.parse('{"a":[1,{"b":-1e400}]}'),
      field: "a[1].b",
      reason: /out of range/,
    },
    {
      label: "a string over 20,000,000",
      event: { s: "x".repeat(20_000_001) },
      field: "s",
      reason: /String value length/,
    },
    { label: "not an object", event: [1], field: "", reason: /must be a JSON object/ },
  ])("$label: refused at $field", ({ event, field, reason }) => {
    const error = checkEvent(event);
    expect(error?.field).toBe(field);
    expect(error?.message).toMatch(reason);
  });

  it("accepts a string of 20,000,000 characters and ordinary events", () => {
    expect(checkEvent({ s: "x".repeat(20_000_000) })).toBeNull();
    expect(checkEvent({ source: "aws.ecs", detail: { a: [1, 1e308, null, true, { b: "c" }] } })).toBeNull();
  });

  it("these events match no pattern (which is why callers must ask)", () => {
    const index = new PatternIndex<string>();
    index.add("ecs", { source: ["aws.ecs"] });
    for (const text of [deepText(1_000), longName(50_001), '{"source":"aws.ecs","x":1e400}']) {
      expect(index.matchText(text)).toEqual([]);
      expect(checkEvent(JSON.parse(text))).not.toBeNull();
    }
  });

  it("names fields without echoing long keys", () => {
    expect(fieldName(["detail", "items", 2, "name"])).toBe("detail.items[2].name");
    expect(fieldName(["a b", 0])).toBe('["a b"][0]');
    const shown = fieldName(["k".repeat(50_001)]);
    expect(shown.length).toBeLessThan(100);
    expect(shown).toContain("(50001 characters)");
    const deep = fieldName(["x", ...Array.from({ length: 1_000 }, () => 0)]);
    expect(deep).toBe("x[0][0][0][0][0][0][0][0][0][0][0]…(1001 levels)");
  });
});
