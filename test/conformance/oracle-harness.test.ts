import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { oracleCommand, startOracle, toJsonText } from "../support/event-ruler-oracle.js";

/** The oracle itself: protocol, robustness against bad lines, and number spelling. */

function runHarness(
  lines: readonly string[],
  explain = false,
): { status: number | null; out: string[]; err: string } {
  const { command, args } = oracleCommand({ explain });
  const result = spawnSync(command, args, {
    input: `${lines.join("\n")}\n`,
    encoding: "utf8",
    timeout: 60_000,
  });
  return {
    status: result.status,
    out: result.stdout.split("\n").filter((l) => l.length > 0),
    err: result.stderr,
  };
}

describe("event-ruler oracle harness", () => {
  it("answers every line in order, bad lines with an error, and survives them", () => {
    const deep = `{"pattern":{"a":["x"]},"event":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const lines = [
      '{"pattern":{"a":["x"]},"event":{"a":"x"}}',
      "not json",
      "",
      "{}",
      '{"pattern":{"a":[1]}}',
      '{"event":{}}',
      '{"pattern":1,"event":{}}',
      '{"pattern":{"a":["x"]},"event":[1]}',
      '{"patternText":"{\\"a\\": [1","event":{}}',
      '{"pattern":{"a":["x"]},"event":{"a":"x"}} trailing',
      deep,
      '{"pattern":{"a":[{"numeric":[">",0,"<=",5]}]},"eventText":"{\\"a\\": 3.018e0}"}',
      '{"pattern":{"a":["x"]},"event":{"a":"y"}}',
    ];
    const { status, out, err } = runHarness(lines);
    expect(status, err).toBe(0);
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed[0]).toEqual({ result: true });
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      expect(typeof parsed[i]?.error, `line ${i}: ${out[i]}`).toBe("string");
    }
    expect(parsed[6]).toEqual({ error: "Filter is not an object" });
    expect(parsed[11]).toEqual({ result: true });
    expect(parsed[12]).toEqual({ result: false });
  });

  it("explains which compiler accepted a pattern", () => {
    const { out } = runHarness(
      [
        '{"pattern":{"$or":[{"a":["x"]},{"b":["y"]}]},"event":{"b":"y"}}',
        '{"pattern":{"$or":{"a":["x"]}},"event":{"$or":{"a":"x"}}}',
        '{"pattern":{"$or":[{"a":["x"]}]},"event":{"a":"x"}}',
      ],
      true,
    );
    expect(JSON.parse(out[0] ?? "")).toEqual({ result: true, compiler: "JsonRuleCompiler" });
    expect(JSON.parse(out[1] ?? "")).toEqual({ result: true, compiler: "RuleCompiler" });
    expect(JSON.parse(out[2] ?? "")).toMatchObject({
      error: "There must have at least 2 Objects in $or relationship.",
      addRule: "Unrecognized match type a",
    });
  });

  it("streams concurrent batches through one JVM, in order", async () => {
    const oracle = await startOracle();
    try {
      expect(oracle.eventRulerVersion).toMatch(/^\d+\.\d+\.\d+$/);
      const batch = (n: number) =>
        Array.from({ length: n }, (_, i) => ({
          pattern: { n: [{ numeric: ["<", i] }] },
          event: { n: n / 2 },
        }));
      const [a, b] = await Promise.all([oracle.judge(batch(3000)), oracle.judge(batch(10))]);
      expect(a.filter((v) => "result" in v && v.result)).toHaveLength(1499);
      expect(b.filter((v) => "result" in v && v.result)).toHaveLength(4);
    } finally {
      await oracle.close();
    }
  });

  it("sends numbers as JSON would spell them, keeping -0 and refusing NaN", () => {
    expect(toJsonText({ a: [-0, 0, 1e21, 0.1, "x\n"], b: undefined })).toBe('{"a":[-0,0,1e+21,0.1,"x\\n"]}');
    expect(toJsonText(Number.NaN)).toBe("NaN");
    expect(toJsonText(undefined)).toBeUndefined();
  });
});
