import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { testActions } from "../engine/runtime/test-actions.js";
import { memoryIo } from "../support/memory-io.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rb-run-inputs-"));
  await mkdir(join(dir, "rules"));
  await writeFile(
    join(dir, "rules/r.yaml"),
    `name: slow
on: { pattern: { source: [aws.test], detail-type: [Slow] } }
actions:
  - type: test-sleep
    ms: 5000
  - type: test-count
    label: "after the sleep"
---
name: quick
on: { pattern: { source: [aws.test], detail-type: [Quick] } }
actions:
  - type: test-count
    label: "{{ event.id }}"
`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const event = (id: string, kind: "Slow" | "Quick") => ({
  id,
  source: "aws.test",
  "detail-type": kind,
  account: "123456789012",
  region: "us-east-1",
  time: "2026-01-01T00:00:00Z",
  resources: [],
  detail: {},
});

// 19.5 (CLI side): a per-event time, after which the event's unfinished actions fail.
describe("run --timeout", () => {
  it.each([
    { name: "--timeout 0.5", args: ["--timeout", "0.5"], settings: undefined },
    { name: "rulebridge.yaml's timeout", args: [], settings: "stackName: t\ntimeout: 1\n" },
  ])("$name: the event's unfinished actions fail, the next event still runs", async ({ args, settings }) => {
    const cwd = await mkdtemp(join(dir, "cwd-"));
    if (settings) await writeFile(join(cwd, "rulebridge.yaml"), settings);
    await writeFile(
      join(cwd, "events.jsonl"),
      `${JSON.stringify(event("s1", "Slow"))}\n${JSON.stringify(event("q1", "Quick"))}\n`,
    );
    const t = testActions();
    const io = memoryIo({ cwd });
    const started = Date.now();
    const code = await cli(
      [
        "run",
        "events.jsonl",
        "--rules",
        join(dir, "rules"),
        "--format",
        "json",
        "--concurrency",
        "1",
        ...args,
      ],
      io,
      t.registry,
    );
    expect(Date.now() - started).toBeLessThan(4000);
    expect(code).toBe(1);
    const [slow, quick] = io.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(slow.decisions[0].actions.map((a: { status: string }) => a.status)).toEqual(["failed", "failed"]);
    expect(quick.decisions[0].actions.map((a: { status: string }) => a.status)).toEqual(["changed"]);
  });

  it("rejects a timeout that is not a positive number", async () => {
    const io = memoryIo({ cwd: dir });
    expect(await cli(["run", "--timeout", "0", "--dry-run"], io)).toBe(2);
    expect(io.err).toContain("--timeout must be");
  });
});

// 19.6: a broken JSON document runs nothing from its file.
describe("run: broken JSON files", () => {
  it("a pretty-printed array missing a comma: one error with its place, none of its events run", async () => {
    const text = JSON.stringify(
      [event("a", "Quick"), event("b", "Quick"), event("c", "Quick")],
      null,
      2,
    ).replace("},\n  {", "}\n  {");
    await writeFile(join(dir, "broken.json"), text);
    const t = testActions();
    const io = memoryIo({ cwd: dir });
    expect(await cli(["run", "broken.json", "--rules", "rules", "--format", "json"], io, t.registry)).toBe(2);
    expect(t.calls).toEqual([]);
    expect(io.err.split("\n").filter((l) => l.startsWith("broken.json"))).toEqual([
      expect.stringMatching(/^broken\.json:\d+: element 0 is not valid JSON/),
    ]);
    expect(io.err).toContain("1 invalid input(s)");
  });
});

// 19.7: `run … | head -1` stops printing quietly; no EPIPE stack.
describe("run with its output closed", () => {
  it("stops printing, reports on stderr, and exits without a stack", async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => JSON.stringify(event(`q${i}`, "Quick")));
    await writeFile(join(dir, "many.jsonl"), `${lines.join("\n")}\n`);
    await mkdir(join(dir, "builtin-rules"), { recursive: true });
    await writeFile(
      join(dir, "builtin-rules/r.yaml"),
      'name: quick\non: { pattern: { source: [aws.test] } }\nactions:\n  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t\n    message: "{{ event.id }}"\n',
    );
    const bin = resolve(import.meta.dirname, "../../dist/cli/main.js");
    const result = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; node "${bin}" run many.jsonl --rules builtin-rules --dry-run | head -1; echo "exit \${PIPESTATUS[0]}" >&2`,
      ],
      { cwd: dir, encoding: "utf8", timeout: 60_000 },
    );
    expect(result.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.stderr).toContain("output closed");
    expect(result.stderr).toMatch(/exit [01]\n/);
  });
});
