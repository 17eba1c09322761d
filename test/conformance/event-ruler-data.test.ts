import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Oracle, startOracle } from "../support/event-ruler-oracle.js";
import { type Case, compareWithOracle, expectAgreement } from "./support/differential.js";
import { sampleEventsFor } from "./support/generators.js";
import { isJsonObject, type Json, type JsonObject } from "./support/json.js";

/**
 * Differential test on event-ruler's own test data (test/conformance/data/event-ruler, copied from
 * aws/event-ruler; see its README): the oracle decides every expected result.
 */

const dataDir = join(dirname(fileURLToPath(import.meta.url)), "data", "event-ruler");
const GENERATED_EVENTS_PER_RULE = 40;

function load(name: string): Json {
  return JSON.parse(readFileSync(join(dataDir, name), "utf8")) as Json;
}

function objects(value: Json, name: string): JsonObject[] {
  if (!Array.isArray(value) || !value.every(isJsonObject))
    throw new Error(`${name} is not an array of objects`);
  return value;
}

const arrayEvents = [1, 2, 3, 4].map((i) => {
  const event = load(`arrayEvent${i}.json`);
  if (!isJsonObject(event)) throw new Error(`arrayEvent${i}.json is not an object`);
  return event;
});

let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle({ explain: true });
});
afterAll(async () => {
  await oracle?.close();
});

describe("event-ruler reference data", () => {
  it("correctness-cases.json: every case", async () => {
    const raw = load("correctness-cases.json");
    if (!Array.isArray(raw)) throw new Error("correctness-cases.json is not an array");
    const cases: Case[] = raw.map((entry, i) => {
      if (!isJsonObject(entry) || typeof entry.name !== "string") throw new Error(`case ${i} is malformed`);
      return {
        pattern: entry.rule,
        event: entry.event,
        label: `correctness-cases.json #${i} "${entry.name}"`,
      };
    });
    expect(cases).toHaveLength(51);
    const c = await compareWithOracle(oracle, cases);
    // event-ruler accepts all of its own correctness rules and both outcomes occur.
    expect(c.oracleRejects).toBe(0);
    expect(c.oracleMatches).toBeGreaterThan(0);
    expect(c.oracleNoMatches).toBeGreaterThan(0);
    await expectAgreement(oracle, "correctness-cases", c);
  });

  it("arrayRule1..4 × arrayEvent1..4 (array consistency)", async () => {
    const cases: Case[] = [];
    for (let r = 1; r <= 4; r++) {
      const pattern = load(`arrayRule${r}.json`);
      arrayEvents.forEach((event, e) => {
        cases.push({ pattern, event, label: `arrayRule${r}.json × arrayEvent${e + 1}.json` });
      });
    }
    const c = await compareWithOracle(oracle, cases);
    expect(c.total).toBe(16);
    expect(c.oracleRejects).toBe(0);
    expect(c.oracleMatches).toBeGreaterThan(0);
    await expectAgreement(oracle, "array rules × array events", c);
  });

  it("orRelationshipRules.json: accepted, and matched like event-ruler on colliding events", async () => {
    const rules = objects(load("orRelationshipRules.json"), "orRelationshipRules.json");
    const cases: Case[] = [];
    rules.forEach((pattern, r) => {
      arrayEvents.forEach((event, e) => {
        cases.push({ pattern, event, label: `orRelationshipRules.json #${r} × arrayEvent${e + 1}.json` });
      });
      sampleEventsFor(pattern, 1000 + r, GENERATED_EVENTS_PER_RULE).forEach((event, e) => {
        cases.push({ pattern, event, label: `orRelationshipRules.json #${r} × generated event ${e}` });
      });
    });
    const c = await compareWithOracle(oracle, cases);
    expect(c.oracleRejects).toBe(0);
    expect(c.oracleMatches).toBeGreaterThan(rules.length);
    await expectAgreement(oracle, "$or rules", c);
  });

  it("wrongOrRelationshipRules.json: rejected", async () => {
    const rules = load("wrongOrRelationshipRules.json");
    if (!Array.isArray(rules)) throw new Error("wrongOrRelationshipRules.json is not an array");
    const cases: Case[] = rules.flatMap((pattern, r) =>
      arrayEvents.map((event, e) => ({
        pattern,
        event,
        label: `wrongOrRelationshipRules.json #${r} × arrayEvent${e + 1}.json`,
      })),
    );
    const c = await compareWithOracle(oracle, cases);
    expect(c.oracleRejects).toBe(cases.length);
    await expectAgreement(oracle, "wrong $or rules", c);
  });

  it('normalRulesWithOrWording.json: "$or" as a plain field name', async () => {
    const rules = objects(load("normalRulesWithOrWording.json"), "normalRulesWithOrWording.json");
    // Events that carry "$or" as an ordinary field, as these rules expect (event-ruler's legacy reading).
    const handEvents: JsonObject[] = [
      { $or: "10.0.0.5" },
      { $or: "10.0.1.5" },
      { $or: ["10.0.0.7", "x"] },
      { source: "aws.cloudwatch", $or: { metricType: "MetricType", namespace: "AWS/EC2" } },
      { source: "aws.cloudwatch", $or: { metricType: "MetricType", namespace: "AWS/S3" } },
      { source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/EC2" },
      { time: "2017-10-02T00:00:00Z", detail: { $or: 3 } },
      { time: "2017-10-02T00:00:00Z", detail: { $or: "10.1.2.3" } },
      { time: "2017-10-02T00:00:00Z", detail: { $or: 6 } },
      { time: "2017-10-03T00:00:00Z", detail: { $or: 3 } },
      { detail: { $or: 11 } },
      { detail: { $or: 7 } },
      { detail: { $or: [0, 12] } },
    ];
    const cases: Case[] = [];
    rules.forEach((pattern, r) => {
      handEvents.forEach((event, e) => {
        cases.push({ pattern, event, label: `normalRulesWithOrWording.json #${r} × hand event ${e}` });
      });
      sampleEventsFor(pattern, 2000 + r, GENERATED_EVENTS_PER_RULE / 2).forEach((event, e) => {
        cases.push({ pattern, event, label: `normalRulesWithOrWording.json #${r} × generated event ${e}` });
      });
    });
    const c = await compareWithOracle(oracle, cases);
    expect(c.oracleRejects).toBe(0);
    expect(c.oracleMatches).toBeGreaterThan(0);
    await expectAgreement(oracle, '"$or" as a field name', c);
  });
});
