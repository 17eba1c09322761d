import { describe, expect, it } from "vitest";
import { parse, UsageError } from "../../cli/args.js";

const options = {
  format: { type: "string" },
  "dry-run": { type: "boolean" },
  rules: { type: "string", multiple: true },
} as const;

describe("parse", () => {
  it.each([
    ["a value flag twice", ["--format", "text", "--format", "json"], /--format is given more than once/],
    ["the = form twice", ["--format=text", "--format=json"], /--format is given more than once/],
    ["a boolean flag twice", ["--dry-run", "--dry-run"], /--dry-run is given more than once/],
    ["an unknown flag", ["--nope"], /nope/],
  ])("%s is a usage error", (_label, argv, message) => {
    expect(() => parse(argv, options)).toThrow(UsageError);
    expect(() => parse(argv, options)).toThrow(message);
  });

  it("flags declared multiple repeat, and values come back as parseArgs gives them", () => {
    const { values, positionals } = parse(
      ["a", "--rules", "x", "--rules=y", "--format", "json", "b"],
      options,
    );
    expect(values).toEqual({ rules: ["x", "y"], format: "json" });
    expect(positionals).toEqual(["a", "b"]);
  });
});
