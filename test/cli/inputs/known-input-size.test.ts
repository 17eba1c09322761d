import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knownInputBytes } from "../../../cli/inputs/known-input-size.js";

/** knownInputBytes tells a large input before it is read: it decides whether replay starts its threads at once. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rb-size-"));
  await mkdir(join(dir, "events", "deep"), { recursive: true });
  await writeFile(join(dir, "one.jsonl"), "x".repeat(100));
  await writeFile(join(dir, "events", "a.json"), "x".repeat(10));
  await writeFile(join(dir, "events", "deep", "b.jsonl.gz"), "x".repeat(20));
  await writeFile(join(dir, "events", "notes.txt"), "x".repeat(1000));
  await symlink(join(dir, "one.jsonl"), join(dir, "events", "link.jsonl"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("knownInputBytes", () => {
  it.each([
    ["a file", ["one.jsonl"], 1000, 100],
    ["a folder's event files, recursively (not other files)", ["events"], 1000, 130],
    ["each real file once", ["one.jsonl", "events"], 1000, 130],
    ["stdin and S3 as nothing", ["-", "s3://bucket/prefix"], 1000, 0],
    ["a missing path as nothing", ["missing.jsonl"], 1000, 0],
    ["up to `enough` only", ["one.jsonl", "events"], 50, 100],
  ])("counts %s", async (_, inputs, enough, bytes) => {
    expect(await knownInputBytes(inputs, dir, enough)).toBe(bytes);
  });
});
