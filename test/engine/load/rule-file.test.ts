import { describe, expect, it } from "vitest";
import { parseRuleFile } from "../../../engine/load/rule-file.js";

describe("parseRuleFile", () => {
  it("reads several documents per file, remembering their index", () => {
    const { sources, problems } = parseRuleFile("r.yaml", "name: a\n---\nname: b\n---\n");
    expect(problems).toEqual([]);
    expect(sources.map((s) => [s.index, (s.value as { name: string }).name])).toEqual([
      [0, "a"],
      [1, "b"],
    ]);
  });

  it("keeps YAML 1.2 meaning: `on`, `yes` and dates stay strings", () => {
    const { sources } = parseRuleFile("r.yaml", "on: yes\nwhen: 2016-10-17\n");
    expect(sources[0]?.value).toEqual({ on: "yes", when: "2016-10-17" });
  });

  it.each([
    ["duplicate key", "name: a\nname: b\n", "DUPLICATE_KEY", 2, 1],
    ["unclosed flow mapping", "name: a\non: { pattern: [\n", "YAML_SYNTAX", 3, 1],
    ["bad indentation", "name: a\n  on: x\n", "YAML_SYNTAX", 1, 7],
    ["tab indentation", "on:\n\tpattern: {}\n", "YAML_SYNTAX", 2, 1],
    ["a list is not a rule", "- a\n- b\n", "NOT_A_RULE", 1, 1],
    ["a scalar is not a rule", "---\nhello\n", "NOT_A_RULE", 2, 1],
  ])("%s → %s at %i:%i", (_name, text, code, line, col) => {
    const { sources, problems } = parseRuleFile("r.yaml", text);
    expect(sources).toEqual([]);
    expect(problems[0]).toMatchObject({ code, file: "r.yaml", line, col });
  });

  it("reports a bad document and still returns the good ones", () => {
    const { sources, problems } = parseRuleFile("r.yaml", "name: a\n---\nx: 1\nx: 2\n---\nname: c\n");
    expect(sources.map((s) => s.index)).toEqual([0, 2]);
    expect(problems).toMatchObject([{ code: "DUPLICATE_KEY", line: 4 }]);
  });

  it("bounds alias expansion (billion laughs)", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const cur = String.fromCharCode(98 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(",")}]`);
    }
    const { sources, problems } = parseRuleFile("r.yaml", `${lines.join("\n")}\n`);
    expect(sources).toEqual([]);
    expect(problems[0]?.code).toBe("YAML_SYNTAX");
  });

  it("maps paths back to positions, keys and values", () => {
    const text = "name: a\non:\n  pattern:\n    source: [aws.ecs, aws.ec2]\n";
    const [source] = parseRuleFile("r.yaml", text).sources;
    expect(source?.map.locate(["on", "pattern", "source", 1])).toEqual({ line: 4, col: 23 });
    expect(source?.map.locate(["on", "pattern"], { key: true })).toEqual({ line: 3, col: 3 });
    // A path that goes past what exists points at the deepest node that does.
    expect(source?.map.locate(["on", "pattern", "nope", "deeper"])).toEqual({ line: 4, col: 5 });
  });
});

describe("YAML merge keys", () => {
  it.each([
    [
      "YAML 1.2 (would be a literal `<<` field)",
      "base: &b {source: [aws.ec2]}\non:\n  pattern:\n    <<: *b\n",
      4,
      5,
    ],
    ["a %YAML 1.1 document (would merge)", "%YAML 1.1\n---\nbase: &b {x: 1}\nname:\n  <<: *b\n", 5, 3],
  ])("are refused at their position: %s", (_label, text, line, col) => {
    const parsed = parseRuleFile("r.yaml", text);
    expect(parsed.sources).toEqual([]);
    expect(parsed.problems.map((p) => [p.code, p.line, p.col])).toEqual([["YAML_SYNTAX", line, col]]);
  });

  it("a quoted `<<` is an ordinary key", () => {
    const parsed = parseRuleFile("r.yaml", 'name: r\nx:\n  "<<": 1\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.sources[0]?.value).toEqual({ name: "r", x: { "<<": 1 } });
  });
});
