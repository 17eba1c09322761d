import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { cli } from "../../../cli/cli.js";
import type { ReplayReport } from "../../../cli/replay/replay-report.js";
import { type Oracle, startOracle } from "../../support/event-ruler-oracle.js";
import { memoryIo } from "../../support/memory-io.js";

/**
 * A generated corpus with known answers: order events whose numbers decide, by construction, which
 * rules match, where `when` holds and which renders fail; plus envelopes, invalid lines and a
 * non-event. Replay's counts must equal these answers, `run --dry-run`'s, and event-ruler's matches.
 */
const RULES = `
name: big-orders
on:
  pattern:
    source: [shop]
    detail-type: [Order]
    detail: { total: [{ numeric: [">=", 100] }] }
when: { "==": [{ var: event.detail.region }, "eu"] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:orders
    message: "order {{ event.detail.id }} for {{ event.detail.customer.name }}"
---
name: all-shop
on: { pattern: { source: [shop] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:all
    message: "{{ event.detail | json }}"
---
name: eu-tagged
on:
  pattern:
    source: [shop]
    detail: { region: [{ prefix: "e" }], tags: { vip: [true] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:vip
    message: "vip {{ event.detail.id }}"
    subject: "{{ event.detail.customer.name }}"
`;

/** The base branch's rules: big-orders' threshold differs, eu-tagged is absent, old-rule is gone in head. */
const BASE_RULES = `
name: big-orders
on:
  pattern:
    source: [shop]
    detail-type: [Order]
    detail: { total: [{ numeric: [">=", 200] }] }
when: { "==": [{ var: event.detail.region }, "eu"] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:orders
    message: "order {{ event.detail.id }} for {{ event.detail.customer.name }}"
---
name: all-shop
on: { pattern: { source: [shop] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:all
    message: "{{ event.detail | json }}"
---
name: old-rule
on: { pattern: { source: [shop], detail-type: [Refund] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:refunds
    message: "refund"
`;

function order(i: number): Record<string, unknown> {
  return {
    version: "0",
    id: `e${i}`,
    source: i % 11 === 0 ? "other" : "shop",
    "detail-type": i % 7 === 0 ? "Refund" : "Order",
    account: "123456789012",
    region: "us-east-1",
    time: "2026-01-01T00:00:00Z",
    resources: [],
    detail: {
      id: i,
      total: (i * 37) % 300,
      region: i % 2 ? "eu" : "us",
      tags: { vip: i % 5 === 0 },
      ...(i % 3 ? { customer: { name: `c${i}` } } : {}),
    },
  };
}

const N = 600;
const EVENTS = Array.from({ length: N }, (_, i) => order(i));

/** The answers, computed from how the events were made. */
function knownAnswers() {
  const isShop = (e: Record<string, unknown>) => e.source === "shop";
  const d = (e: Record<string, unknown>) =>
    e.detail as { total: number; region: string; tags: { vip: boolean }; customer?: unknown };
  const big = EVENTS.filter((e) => isShop(e) && e["detail-type"] === "Order" && d(e).total >= 100);
  const bigHeld = big.filter((e) => d(e).region === "eu");
  const bigFailed = bigHeld.filter((e) => d(e).customer === undefined).length;
  const shop = EVENTS.filter(isShop);
  const vip = shop.filter((e) => d(e).region.startsWith("e") && d(e).tags.vip);
  const vipFailed = vip.filter((e) => d(e).customer === undefined).length;
  return {
    "big-orders": {
      matched: big.length,
      conditionHeld: bigHeld.length,
      actionsPlanned: bigHeld.length - bigFailed,
      failed: bigFailed,
    },
    "all-shop": { matched: shop.length, conditionHeld: shop.length, actionsPlanned: shop.length, failed: 0 },
    "eu-tagged": {
      matched: vip.length,
      conditionHeld: vip.length,
      actionsPlanned: vip.length - vipFailed,
      failed: vipFailed,
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rb-replay-"));
  await mkdir(join(dir, "rules"));
  await mkdir(join(dir, "base"));
  await writeFile(join(dir, "rules/r.yaml"), RULES);
  await writeFile(join(dir, "base/r.yaml"), BASE_RULES);
  await writeFile(join(dir, "events.jsonl"), `${EVENTS.map((e) => JSON.stringify(e)).join("\n")}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function replay(args: string[], stdin = "") {
  const io = memoryIo({ cwd: dir, stdin });
  const code = await cli(["replay", ...args], io);
  return { code, io, report: args.includes("json") ? (JSON.parse(io.out) as ReplayReport) : undefined };
}

const countsOf = (report: ReplayReport) =>
  Object.fromEntries(
    report.rules.map((r) => [
      r.rule,
      {
        matched: r.matched,
        conditionHeld: r.conditionHeld,
        actionsPlanned: r.actionsPlanned,
        failed: r.failed,
      },
    ]),
  );

/** Per-rule counts from `run --dry-run --format json` over the same inputs. */
async function dryRunCounts(inputs: string[]) {
  const io = memoryIo({ cwd: dir });
  await cli(["run", ...inputs, "--dry-run", "--format", "json"], io);
  const counts: Record<
    string,
    { matched: number; conditionHeld: number; actionsPlanned: number; failed: number }
  > = {};
  for (const line of io.out.trim().split("\n")) {
    for (const d of (
      JSON.parse(line) as { decisions: { rule: string; condition: unknown; actions: { status: string }[] }[] }
    ).decisions) {
      const c = counts[d.rule] ?? { matched: 0, conditionHeld: 0, actionsPlanned: 0, failed: 0 };
      counts[d.rule] = c;
      c.matched++;
      if (d.condition === true) c.conditionHeld++;
      if (d.condition === "error") c.failed++;
      for (const a of d.actions) a.status === "planned" ? c.actionsPlanned++ : c.failed++;
    }
  }
  return counts;
}

describe("rulebridge replay: counts", () => {
  it("equal the known answers, run --dry-run's, and event-ruler's matches", async () => {
    const { code, report } = await replay(["events.jsonl", "--format", "json"]);
    expect(code).toBe(1); // renders fail by construction
    const answers = knownAnswers();
    expect(report?.events).toBe(N);
    expect(report?.invalid).toBe(0);
    expect(countsOf(report as ReplayReport)).toEqual(answers);
    const dry = await dryRunCounts(["events.jsonl"]);
    expect(countsOf(report as ReplayReport)).toEqual(dry);

    const oracle: Oracle = await startOracle();
    try {
      const rules = RULES.split("---").map(
        (doc) => parseYaml(doc) as { name: string; on: { pattern: unknown } },
      );
      for (const rule of rules) {
        const verdicts = await oracle.judge(EVENTS.map((event) => ({ pattern: rule.on.pattern, event })));
        const matched = verdicts.filter((v) => "result" in v && v.result).length;
        expect([rule.name, matched]).toEqual([rule.name, answers[rule.name as keyof typeof answers].matched]);
      }
    } finally {
      await oracle.close();
    }
  }, 60_000);

  it("envelopes, a broken line and a non-event: counted like run --dry-run, the bad ones with their place", async () => {
    const sqs = { Records: [{ messageId: "m1", eventSource: "aws:sqs", body: JSON.stringify(order(5)) }] };
    const destination = {
      version: "1.0",
      requestContext: { requestId: "r", condition: "RetriesExhausted" },
      requestPayload: order(10),
      responseContext: { statusCode: 200 },
    };
    const lines = [
      JSON.stringify(order(1)),
      JSON.stringify(sqs),
      '{"id": "broken", ',
      JSON.stringify({ rule: "all-shop", event: order(4) }),
      JSON.stringify({ hello: "world" }),
      JSON.stringify(destination),
      JSON.stringify(order(2)),
    ];
    await writeFile(join(dir, "mixed.jsonl"), `${lines.join("\n")}\n`);
    const { code, report } = await replay(["mixed.jsonl", "--format", "json"]);
    expect(code).toBe(1);
    expect(report?.events).toBe(5);
    expect(report?.invalid).toBe(2);
    expect(report?.invalidInputs.map((i) => i.origin)).toEqual(["mixed.jsonl:3", "mixed.jsonl:5"]);
    expect(countsOf(report as ReplayReport)).toMatchObject(
      Object.fromEntries(Object.entries(await dryRunCounts(["mixed.jsonl"])).map(([k, v]) => [k, v])),
    );
  });

  it("a destination record that is also event-shaped is opened, as run opens it", async () => {
    // Top-level source and detail-type, and requestContext + requestPayload: run replays the payload.
    const record = { ...order(3), requestContext: { requestId: "r" }, requestPayload: order(7) };
    await writeFile(join(dir, "shaped-destination.jsonl"), `${JSON.stringify(record)}\n`);
    const { report } = await replay(["shaped-destination.jsonl", "--format", "json"]);
    expect(report?.events).toBe(1);
    expect(report?.rules.flatMap((r) => r.samples)).not.toContain(order(3).id);
    expect(countsOf(report as ReplayReport)).toMatchObject(await dryRunCounts(["shaped-destination.jsonl"]));
  });

  it("JSON Lines read as bytes count what the same events read as text count (and run --dry-run)", async () => {
    const shaped = (i: number, extra: Record<string, unknown>) => ({ ...order(i), ...extra });
    const detail = (i: number) => order(i).detail as Record<string, unknown>;
    const events = [
      order(1),
      // Event-shaped and an envelope: opened, whether or not a rule matches the outside.
      shaped(2, { requestContext: { requestId: "r" }, requestPayload: order(20) }),
      {
        ...shaped(3, { requestContext: { requestId: "r" }, requestPayload: order(30) }),
        source: "elsewhere",
      },
      shaped(4, { Records: [{ messageId: "m", body: JSON.stringify(order(40)) }] }),
      shaped(5, { Type: "Notification", Message: JSON.stringify(order(50)) }),
      // The envelopes' words where they open nothing.
      shaped(6, { detail: { ...detail(6), Records: "x", note: '"Notification"' } }),
      { ...shaped(7, { detail: { ...detail(7), requestPayload: 1 } }), source: "elsewhere" },
      // Not ASCII, escapes, spaces: read as text whatever the bytes path declines.
      shaped(8, { detail: { ...detail(8), region: "eu", note: "café ✓" } }),
      { ...order(9), id: 'e\u00e9"9' },
      order(10),
    ];
    const lines = events.map((e, i) => (i === 9 ? ` ${JSON.stringify(e, null, 0)}\t` : JSON.stringify(e)));
    await writeFile(join(dir, "as-bytes.jsonl"), `${lines.join("\n")}\n`);
    await writeFile(join(dir, "as-text.json"), JSON.stringify(events));
    const bytes = (await replay(["as-bytes.jsonl", "--format", "json"])).report as ReplayReport;
    const text = (await replay(["as-text.json", "--format", "json"])).report as ReplayReport;
    expect(bytes.events).toBe(text.events);
    expect(bytes.matchedEvents).toBe(text.matchedEvents);
    expect(bytes.rules.map((r) => ({ ...r, file: "" }))).toEqual(text.rules.map((r) => ({ ...r, file: "" })));
    expect(countsOf(bytes)).toMatchObject(await dryRunCounts(["as-bytes.jsonl"]));
  });

  it("a broken line in the middle of a large file: reported at its line, every other event counted", async () => {
    // 6,000 events (EVENTS ten times over, ids made unique), the broken line after the 3,000th.
    const big = Array.from({ length: 10 }, (_, k) =>
      EVENTS.map((e) => JSON.stringify({ ...e, id: `${e.id}-${k}` })),
    ).flat();
    big.splice(3_000, 0, '{"source": "shop", "detail-type": "Order", ');
    await writeFile(join(dir, "large.jsonl"), `${big.join("\n")}\n`);
    const { report } = await replay(["large.jsonl", "--format", "json"]);
    expect(report?.events).toBe(10 * N);
    expect(report?.invalidInputs).toEqual([
      { origin: "large.jsonl:3001", message: expect.stringMatching(/not valid JSON/) },
    ]);
  });

  it("gzip and CloudTrail log files: each record the event EventBridge delivers", async () => {
    const trail = {
      Records: [
        {
          eventVersion: "1.08",
          eventID: "ct-1",
          eventTime: "2026-01-01T00:00:00Z",
          eventSource: "ec2.amazonaws.com",
          eventName: "RunInstances",
          awsRegion: "eu-west-1",
          recipientAccountId: "111122223333",
          eventType: "AwsApiCall",
        },
        {
          eventVersion: "1.08",
          eventID: "ct-2",
          eventTime: "2026-01-01T00:00:01Z",
          eventSource: "s3.amazonaws.com",
          eventName: "PutObject",
          awsRegion: "eu-west-1",
          recipientAccountId: "111122223333",
          eventType: "AwsApiCall",
        },
      ],
    };
    await mkdir(join(dir, "trail/AWSLogs"), { recursive: true });
    await writeFile(
      join(dir, "trail/AWSLogs/x_CloudTrail_eu-west-1.json.gz"),
      gzipSync(JSON.stringify(trail)),
    );
    await writeFile(
      join(dir, "trail/orders.jsonl.gz"),
      gzipSync(
        EVENTS.slice(0, 10)
          .map((e) => JSON.stringify(e))
          .join("\n"),
      ),
    );
    await mkdir(join(dir, "ct-rules"));
    await writeFile(
      join(dir, "ct-rules/r.yaml"),
      `name: run-instances
on:
  pattern:
    source: [aws.ec2]
    detail-type: [AWS API Call via CloudTrail]
    account: ["111122223333"]
    region: [eu-west-1]
    detail: { eventName: [RunInstances] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:ct
    message: "{{ event.id }} {{ event.time }} {{ event.detail.eventName }}"
---
name: any-shop
on: { pattern: { source: [shop] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:shop
    message: "x"
`,
    );
    const { code, report } = await replay(["trail", "--rules", "ct-rules", "--format", "json"]);
    expect(code).toBe(0);
    expect(report?.events).toBe(12);
    expect(report?.rules.map((r) => [r.rule, r.matched, r.samples])).toEqual([
      ["run-instances", 1, ["ct-1"]],
      ["any-shop", EVENTS.slice(0, 10).filter((e) => e.source === "shop").length, ["e1", "e2", "e3"]],
    ]);
  });
});

describe("rulebridge replay --base-rules: a pull request's impact", () => {
  it("reports both rule sets and the difference per rule, in one pass", async () => {
    const { report } = await replay(["events.jsonl", "--base-rules", "base", "--format", "json"]);
    const rules = Object.fromEntries((report as ReplayReport).rules.map((r) => [r.rule, r]));
    expect(rules["big-orders"]?.change).toBe("changed");
    expect(rules["big-orders"]?.base?.matched).toBe(
      EVENTS.filter(
        (e) =>
          e.source === "shop" && e["detail-type"] === "Order" && (e.detail as { total: number }).total >= 200,
      ).length,
    );
    expect(rules["all-shop"]?.change).toBe("unchanged");
    expect(rules["eu-tagged"]).toMatchObject({ change: "added", base: { matched: 0 } });
    expect(rules["old-rule"]).toMatchObject({ change: "removed", matched: 0 });
    expect(rules["old-rule"]?.base?.matched).toBeGreaterThan(0);
    expect(report?.difference).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it("markdown: a table of what changed, for $GITHUB_STEP_SUMMARY", async () => {
    const { io } = await replay(["events.jsonl", "--base-rules", "base", "--format", "markdown"]);
    expect(io.out).toContain("| rule | change | matched | when held | actions planned | failed |");
    expect(io.out).toMatch(/\| `big-orders` \| changed \| \d+ → \d+ \(\+\d+\) \|/);
    expect(io.out).toContain("| `old-rule` | removed |");
    expect(io.out).not.toContain("`all-shop`");
    expect(io.out).toContain("1 rule(s) unchanged.");
  });

  it("text: a table with both", async () => {
    const { io } = await replay(["events.jsonl", "--base-rules", "base"]);
    expect(io.out).toMatch(/^rule\s+change\s+matched\s+when held\s+actions planned\s+failed$/m);
    expect(io.out).toContain(
      `${N} event(s) read, ${EVENTS.filter((e) => e.source === "shop").length} matched a rule, 0 invalid, rules: 1 added, 1 removed, 1 changed`,
    );
  });
});

describe("rulebridge replay: exit codes", () => {
  it.each([
    { name: "clean", args: ["-", "--format", "json"], stdin: JSON.stringify(order(1)), code: 0 },
    { name: "invalid input", args: ["-"], stdin: "{nope}\n", code: 1 },
    { name: "rule errors", args: ["events.jsonl", "--rules", "nowhere"], stdin: "", code: 2 },
    { name: "bad --sample", args: ["events.jsonl", "--sample", "x"], stdin: "", code: 2 },
    { name: "bad --format", args: ["events.jsonl", "--format", "xml"], stdin: "", code: 2 },
  ])("$name: $code", async ({ args, stdin, code }) => {
    expect((await replay(args, stdin)).code).toBe(code);
  });
});
