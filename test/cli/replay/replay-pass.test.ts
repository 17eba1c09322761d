import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import type { LineBatch } from "../../../cli/inputs/line-batch.js";
import { envelopeLike, ReplayPass } from "../../../cli/replay/replay-pass.js";
import { replayReport } from "../../../cli/replay/replay-report.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { CompiledRule } from "../../../engine/compile/rule-compiler.js";
import { PatternIndex } from "../../../engine/pattern/pattern-index.js";
import { TopLevelMembers } from "../../../engine/pattern/reading/top-level-members.js";
import { loadRuleSet } from "../../../engine/rule-set.js";

/**
 * JSON Lines read as bytes: a line a rule matched is built from its top-level members, and one
 * that is an envelope is opened; the counts must be those of the same lines given as parsed values
 * (run's way) and as text. The envelope test is decided from the members, as isEnvelopeLike
 * decides on JSON.parse's object.
 */
const RULES = `
name: shop
on: { pattern: { source: [shop] } }
when: { "==": [{ var: event.detail.region }, "eu"] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:shop
    message: "{{ event.id }} {{ event.detail.customer.name }} {{ event.resources | json }}"
---
name: any
on: { pattern: { source: [{ anything-but: [nowhere] }] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:any
    message: "{{ event | json }}"
`;

function order(i: number, source = "shop"): Record<string, unknown> {
  return {
    version: "0",
    id: `e${i}`,
    source,
    "detail-type": "Order",
    account: "123456789012",
    region: "us-east-1",
    time: "2026-01-01T00:00:00Z",
    resources: [`arn:aws:x:${i}`],
    detail: { region: i % 2 ? "eu" : "us", ...(i % 3 ? { customer: { name: `c${i}` } } : {}) },
  };
}

/** An event with members added after its own (replacing, in place, those it has). */
const shaped = (i: number, source: string, extra: Record<string, unknown>) => ({
  ...order(i, source),
  ...extra,
});
const sqs = (i: number) => [{ messageId: `m${i}`, eventSource: "aws:sqs", body: JSON.stringify(order(i)) }];
const sns = (i: number) => JSON.stringify(order(i));

/** Lines for one outside source: "shop" (rules match the outside) or "nowhere" (no rule does). */
function envelopeLines(source: string, k: number): string[] {
  const at = (i: number) => 100 * k + i;
  return [
    JSON.stringify(order(at(1), source)),
    // Envelopes at the top level: opened.
    JSON.stringify(shaped(at(2), source, { Records: sqs(at(20)) })),
    JSON.stringify(
      shaped(at(3), source, { requestContext: { requestId: "r" }, requestPayload: order(at(30)) }),
    ),
    JSON.stringify(shaped(at(4), source, { Type: "Notification", Message: sns(at(40)) })),
    // requestPayload without requestContext: looked at, then a bare event.
    JSON.stringify(shaped(at(5), source, { requestPayload: 1 })),
    // The words deeper down, or not as unwrapInput wants them: bare events.
    JSON.stringify(shaped(at(6), source, { detail: { Records: sqs(at(60)), Type: "Notification" } })),
    JSON.stringify(shaped(at(7), source, { Records: "no", Type: "notification", Message: sns(at(70)) })),
    JSON.stringify(shaped(at(8), source, { nested: { requestPayload: order(at(80)) }, note: "Records" })),
    // Repeated keys: JSON.parse keeps the last value.
    `{"Type":"Notification",${JSON.stringify(order(at(9), source)).slice(1, -1)},"Message":${JSON.stringify(sns(at(90)))},"Type":"x"}`,
    `{"Type":"x",${JSON.stringify(order(at(10), source)).slice(1, -1)},"Message":${JSON.stringify(sns(at(100)))},"Type":"Notification"}`,
    `{"Records":1,${JSON.stringify(order(at(11), source)).slice(1, -1)},"Records":${JSON.stringify(sqs(at(110)))}}`,
    `{"Records":${JSON.stringify(sqs(at(12)))},${JSON.stringify(order(at(12), source)).slice(1, -1)},"Records":{}}`,
    // Escaped spellings.
    `{"Typ\\u0065":"Notification",${JSON.stringify(order(at(13), source)).slice(1, -1)},"Message":${JSON.stringify(sns(at(130)))}}`,
    `{"Type":"Notific\\u0061tion",${JSON.stringify(order(at(14), source)).slice(1, -1)},"Message":${JSON.stringify(sns(at(140)))}}`,
    // Spaces, and a top-level value that is an empty array.
    ` { "source" : "${source}" , "detail-type" : "Order" , "id" : "e${at(15)}" , "Records" : [ ] } `,
  ];
}

const LINES = [...envelopeLines("shop", 0), ...envelopeLines("nowhere", 1)];

function batchOf(lines: string[]): LineBatch {
  const text = lines.join("\n");
  const bytes = Buffer.from(text, "utf8");
  const spans = new Int32Array(3 * lines.length);
  let at = 0;
  lines.forEach((line, i) => {
    const length = Buffer.byteLength(line);
    spans.set([at, at + length, i + 1], 3 * i);
    at += length + 1;
  });
  return {
    kind: "lines",
    source: "t.jsonl",
    bytes,
    lines: spans,
    count: lines.length,
    maxRecordChars: 1 << 20,
  };
}

let dir: string;
let rules: readonly CompiledRule[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rb-replay-pass-"));
  await mkdir(join(dir, "rules"));
  await writeFile(join(dir, "rules/r.yaml"), RULES);
  rules = (await loadRuleSet([join(dir, "rules")], registerBuiltins(new ActionRegistry()), dir)).rules;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ReplayPass on JSON Lines bytes", () => {
  it("counts what the same lines count as parsed values and as text, envelopes opened", () => {
    const opts = { sample: 50, now: new Date("2026-02-01T00:00:00Z") };
    const bytes = new ReplayPass(rules, undefined, opts);
    bytes.addBatch(batchOf(LINES));
    const values = new ReplayPass(rules, undefined, opts);
    const texts = new ReplayPass(rules, undefined, opts);
    LINES.forEach((text, i) => {
      values.add({ origin: `t.jsonl:${i + 1}`, value: JSON.parse(text) });
      texts.add({ origin: `t.jsonl:${i + 1}`, text });
    });
    const report = replayReport(bytes);
    expect(report).toEqual(replayReport(values));
    expect(report).toEqual(replayReport(texts));
    // Per source 15 lines: 7 envelopes (lines 2-4, 10, 11, 13, 14) open one event each, and the
    // last one (an empty Records array) none.
    expect(report.events).toBe(2 * 14);
    expect(report.invalid).toBe(0);
    const opened = [20, 30, 40, 100, 110, 130, 140].flatMap((i) => [`e${i}`, `e${100 + i}`]);
    const any = report.rules.find((r) => r.rule === "any");
    // Lines from "nowhere" match no rule outside: only their 7 envelopes' events count.
    expect(any?.matched).toBe(14 + 7);
    expect(any?.samples).toEqual(expect.arrayContaining(opened));
  });

  it("counts the same whichever way a batch is cut", () => {
    const opts = { sample: 50, now: new Date("2026-02-01T00:00:00Z") };
    const whole = new ReplayPass(rules, undefined, opts);
    whole.addBatch(batchOf(LINES));
    const one = new ReplayPass(rules, undefined, opts);
    for (const line of LINES) one.addBatch(batchOf([line]));
    const a = replayReport(whole);
    const b = replayReport(one);
    expect({ ...b, rules: b.rules.map((r) => ({ ...r, samples: [] })) }).toEqual({
      ...a,
      rules: a.rules.map((r) => ({ ...r, samples: [] })),
    });
  });
});

/** isEnvelopeLike's test, as it was written on the parsed object. */
function parsedEnvelopeLike(value: Record<string, unknown>): boolean {
  return Array.isArray(value.Records) || "requestPayload" in value || value.Type === "Notification";
}

const index = new PatternIndex<number>();
index.add(0, { source: [{ exists: true }] });
const members = new TopLevelMembers();

/** envelopeLike of a line's members, or undefined when matchBytes declines the line. */
function membersEnvelopeLike(text: string): boolean | undefined {
  const bytes = Buffer.from(text, "latin1");
  if (index.matchBytes(bytes, 0, bytes.length, members) === undefined) return undefined;
  return envelopeLike(bytes, members);
}

describe("envelopeLike", () => {
  it("decides on the members what the test decides on JSON.parse's object", () => {
    const key = fc.constantFrom("Records", "requestPayload", "Type", "Message", "detail", "Recordz", "type");
    const value = fc.constantFrom(
      "[]",
      "[1]",
      '"Notification"',
      '"notification"',
      '"Notification "',
      '"Notific\\u0061tion"',
      '"Records"',
      "{}",
      '{"Records":[1],"Type":"Notification","requestPayload":1}',
      "null",
      "1",
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), (pairs) => {
        const text = `{${['"source":"s"', ...pairs.map(([k, v]) => `"${k}":${v}`)].join(",")}}`;
        const decided = membersEnvelopeLike(text);
        if (decided !== undefined)
          expect([text, decided]).toEqual([text, parsedEnvelopeLike(JSON.parse(text))]);
      }),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ['{"source":"s","Type":"Notification","Type":"x"}', false],
    ['{"source":"s","Type":"x","Type":"Notification"}', true],
    ['{"source":"s","Records":{},"Records":"x"}', false],
    ['{"source":"s","requestPayload":null}', true],
    ['{"source":"s","detail":{"Type":"Notification","requestPayload":1,"Records":[]}}', false],
    ['{"source":"s","Type":"Notific\\u0061tion"}', true],
    ['{"source":"s","Type":"Notification\\u0020"}', false],
    // A key spelt with escapes might be one of the words: parsed whole.
    ['{"source":"s","x\\u0079":1}', true],
  ])("%s: %s", (text, expected) => {
    expect(membersEnvelopeLike(text)).toBe(expected);
  });
});
