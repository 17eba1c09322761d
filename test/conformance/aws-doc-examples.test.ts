import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Oracle, startOracle } from "../support/event-ruler-oracle.js";
import { type Case, compareWithOracle, expectAgreement } from "./support/differential.js";
import { isJsonObject, type Json, show } from "./support/json.js";

/** The examples of the EventBridge User Guide (aws-doc-examples.json), judged by event-ruler and by rulebridge. */

interface DocEvent {
  event: Json;
  expected: boolean | null;
  origin: "doc" | "constructed";
}
interface DocExample {
  id: string;
  section: string;
  source: Record<string, string>;
  pattern: Json;
  accepted: boolean;
  events: DocEvent[];
}

function parseExamples(raw: unknown): DocExample[] {
  if (!isJsonObject(raw) || !Array.isArray(raw.examples))
    throw new Error("aws-doc-examples.json: no examples");
  return raw.examples.map((entry, i) => {
    if (
      !isJsonObject(entry) ||
      typeof entry.id !== "string" ||
      typeof entry.section !== "string" ||
      !isJsonObject(entry.source) ||
      typeof entry.source.url !== "string" ||
      entry.pattern === undefined ||
      !Array.isArray(entry.events) ||
      entry.events.length === 0
    ) {
      throw new Error(`aws-doc-examples.json: example ${i} is malformed`);
    }
    const events = entry.events.map((e, j): DocEvent => {
      if (
        !isJsonObject(e) ||
        !isJsonObject(e.event) ||
        !(typeof e.expected === "boolean" || e.expected === null) ||
        (e.origin !== "doc" && e.origin !== "constructed")
      ) {
        throw new Error(`aws-doc-examples.json: ${entry.id} event ${j} is malformed`);
      }
      return { event: e.event, expected: e.expected, origin: e.origin };
    });
    const source = Object.fromEntries(
      Object.entries(entry.source).filter((kv): kv is [string, string] => typeof kv[1] === "string"),
    );
    return {
      id: entry.id,
      section: entry.section,
      source,
      pattern: entry.pattern,
      accepted: entry.accepted !== false,
      events,
    };
  });
}

const examples = parseExamples(
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "aws-doc-examples.json"), "utf8")),
);

let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle({ explain: true });
});
afterAll(async () => {
  await oracle?.close();
});

describe("EventBridge User Guide examples", () => {
  it("covers the documented operators", () => {
    const text = examples.map((e) => show(e.pattern)).join("\n");
    for (const operator of [
      "prefix",
      "suffix",
      "equals-ignore-case",
      "anything-but",
      "numeric",
      "cidr",
      "exists",
      "wildcard",
      "$or",
      "null",
    ]) {
      expect(text, `no example uses ${operator}`).toContain(operator);
    }
    expect(examples.filter((e) => e.events.some((ev) => ev.origin === "doc")).length).toBeGreaterThan(8);
  });

  it("event-ruler agrees with what the pages say (validates the data file)", async () => {
    const pairs = examples.flatMap((ex) => ex.events.map((e) => ({ ex, e })));
    const verdicts = await oracle.judge(pairs.map(({ ex, e }) => ({ pattern: ex.pattern, event: e.event })));
    const wrong: string[] = [];
    pairs.forEach(({ ex, e }, i) => {
      const v = verdicts[i];
      const got = v === undefined ? "nothing" : "result" in v ? String(v.result) : `rejected: ${v.error}`;
      const ok = ex.accepted
        ? v !== undefined && "result" in v && v.result === e.expected
        : v !== undefined && "error" in v;
      if (!ok)
        wrong.push(
          `${ex.id} (${ex.source.url}) event ${show(e.event)}: expected ${e.expected}, event-ruler ${got}`,
        );
    });
    expect(wrong, wrong.join("\n")).toEqual([]);
  });

  it("rulebridge agrees with event-ruler on every example", async () => {
    const cases: Case[] = examples.flatMap((ex) =>
      ex.events.map((e, j) => ({
        pattern: ex.pattern,
        event: e.event,
        label: `${ex.id} event ${j} (${ex.section}; ${ex.source.url})`,
      })),
    );
    const c = await compareWithOracle(oracle, cases);
    expect(c.oracleMatches).toBeGreaterThan(30);
    await expectAgreement(oracle, "AWS doc examples", c);
  });
});
