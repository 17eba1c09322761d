import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "../../../deploy/settings.js";
import { loadRuleFiles } from "../../../engine/load/rule-files.js";
import { decodeSourceText, firstInvalidUtf8 } from "../../../engine/load/source-text.js";

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("firstInvalidUtf8", () => {
  it.each([
    ["ASCII", bytes("abc"), -1],
    ["multi-byte", bytes("é東😀"), -1],
    ["lone continuation byte", bytes("ab", [0x80]), 2],
    ["truncated sequence", bytes("a", [0xe6, 0x9d]), 1],
    ["overlong", bytes([0xc0, 0xaf]), 0],
    ["surrogate", bytes("x", [0xed, 0xa0, 0x80]), 1],
    ["above U+10FFFF", bytes([0xf4, 0x90, 0x80, 0x80]), 0],
    ["Latin-1 é", bytes("caf", [0xe9]), 3],
  ])("%s", (_label, input, expected) => {
    expect(firstInvalidUtf8(input)).toBe(expected);
  });
});

describe("decodeSourceText", () => {
  it("reports invalid UTF-8 at its line and column instead of U+FFFD", () => {
    const result = decodeSourceText("r.yaml", bytes("name: a\ndescription: 東 caf", [0xe9], "\n"));
    expect(result).toMatchObject({ problem: { code: "YAML_SYNTAX", file: "r.yaml", line: 2, col: 19 } });
  });

  it("drops a byte order mark", () => {
    expect(decodeSourceText("r.yaml", bytes([0xef, 0xbb, 0xbf], "name: a\n"))).toEqual({ text: "name: a\n" });
  });
});

describe("files with invalid UTF-8", () => {
  const dir = mkdtempSync(join(tmpdir(), "rulebridge-utf8-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a rule file is a problem, not a silent U+FFFD", async () => {
    const file = join(dir, "r.yaml");
    writeFileSync(file, bytes("name: r\ndescription: x", [0xff], "\n"));
    const loaded = await loadRuleFiles([file], dir);
    expect(loaded.sources).toEqual([]);
    expect(loaded.problems.map((p) => [p.code, p.line, p.col])).toEqual([["YAML_SYNTAX", 2, 15]]);
  });

  it("so is the settings file", async () => {
    const file = join(dir, "rulebridge.yaml");
    writeFileSync(file, bytes("stackName: x", [0xc3], "\n"));
    const { problems } = await loadSettings(file);
    expect(problems.map((p) => [p.code, p.line, p.col])).toEqual([["YAML_SYNTAX", 1, 13]]);
  });
});
