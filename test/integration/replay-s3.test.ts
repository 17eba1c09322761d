import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cli } from "../../cli/cli.js";
import type { ReplayReport } from "../../cli/replay/replay-report.js";
import { memoryIo } from "../support/memory-io.js";
import { awsClientConfig, awsTestEnv, resetMoto, uniqueName } from "../support/services/index.js";

/** replay and run read `s3://bucket/prefix` with the SDK's default chain, here pointed at moto. */
let dir: string;
let bucket: string;
const event = (id: string, source: string) => ({
  id,
  source,
  "detail-type": "Test",
  account: "123456789012",
  region: "us-east-1",
  time: "2026-01-01T00:00:00Z",
  resources: [],
  detail: {},
});

beforeAll(async () => {
  await resetMoto();
  dir = await mkdtemp(join(tmpdir(), "rb-replay-s3-"));
  await mkdir(join(dir, "rules"));
  await writeFile(
    join(dir, "rules/r.yaml"),
    'name: wanted\non: { pattern: { source: [wanted] } }\nactions:\n  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t\n    message: "{{ event.id }}"\n',
  );
  const s3 = new S3Client({ ...awsClientConfig(), forcePathStyle: true });
  bucket = uniqueName("archive");
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const put = (key: string, body: string | Buffer) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  await put(
    "events/2026/01/a.jsonl",
    [event("a1", "wanted"), event("a2", "other")].map((e) => JSON.stringify(e)).join("\n"),
  );
  await put(
    "events/2026/01/b.json.gz",
    gzipSync(JSON.stringify([event("b1", "wanted"), event("b2", "wanted")])),
  );
  await put("events/2026/02/broken.jsonl", `${JSON.stringify(event("c1", "wanted"))}\n{"id": \n`);
  await put("events/2026/02/", "");
  await put("elsewhere/x.jsonl", JSON.stringify(event("x1", "wanted")));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const [k, v] of Object.entries(awsTestEnv())) vi.stubEnv(k, v);
});

const io = () => Object.assign(memoryIo({ cwd: dir }), { env: awsTestEnv() });

describe("S3 sources", () => {
  it("replay reads every object under the prefix, gzip or not, in key order", async () => {
    const out = io();
    expect(await cli(["replay", `s3://${bucket}/events/`, "--format", "json", "--sample", "10"], out)).toBe(
      1,
    );
    const report = JSON.parse(out.out) as ReplayReport;
    expect(report.events).toBe(5);
    expect(report.rules[0]).toMatchObject({ rule: "wanted", matched: 4, samples: ["a1", "b1", "b2", "c1"] });
    expect(report.invalidInputs).toEqual([
      {
        origin: `s3://${bucket}/events/2026/02/broken.jsonl:2`,
        message: expect.stringMatching(/not valid JSON/),
      },
    ]);
  });

  it("run --dry-run reads the same objects", async () => {
    const out = io();
    expect(await cli(["run", `s3://${bucket}/events/2026/01/`, "--dry-run", "--format", "json"], out)).toBe(
      0,
    );
    expect(
      out.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).eventId),
    ).toEqual(["a1", "a2", "b1", "b2"]);
  });

  it("a missing bucket or an empty prefix is an invalid input naming it", async () => {
    const out = io();
    expect(
      await cli(["replay", `s3://${bucket}-missing/x`, `s3://${bucket}/nothing/`, "--format", "json"], out),
    ).toBe(1);
    const report = JSON.parse(out.out) as ReplayReport;
    expect(report.invalidInputs.map((i) => i.origin)).toEqual([
      `s3://${bucket}-missing/x`,
      `s3://${bucket}/nothing/`,
    ]);
  });
});
