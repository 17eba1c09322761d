import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectRuleFiles, MAX_RULE_FILE_BYTES } from "../../../engine/load/rule-files.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rb-rule-files-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RULE = "name: r\non: { pattern: { source: [aws.test] } }\nactions: [{ type: sns-publish }]\n";

// 19.8: rule folders are walked once per real file; only regular files of sane size are read.
describe("collecting rule files", () => {
  it("symlink cycles end, and a file reached by two paths is loaded once", async () => {
    const root = join(dir, "cycle");
    await mkdir(join(root, "sub"), { recursive: true });
    await writeFile(join(root, "sub/r.yaml"), RULE);
    await symlink(root, join(root, "sub/up"));
    await symlink(join(root, "sub"), join(root, "again"));
    await symlink(join(root, "sub/r.yaml"), join(root, "link.yaml"));
    const { files, problems } = await collectRuleFiles([root]);
    expect(problems).toEqual([]);
    expect(files).toHaveLength(1);
  });

  it("self-links are an IO_ERROR, not a hang", async () => {
    const root = join(dir, "self");
    await mkdir(root, { recursive: true });
    await symlink(join(root, "a.yaml"), join(root, "a.yaml"));
    const { files, problems } = await collectRuleFiles([root]);
    expect(files).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(["IO_ERROR"]);
  });

  it("a FIFO and a device are IO_ERRORs, not read", async () => {
    const root = join(dir, "special");
    await mkdir(root, { recursive: true });
    execFileSync("mkfifo", [join(root, "pipe.yaml")]);
    const { files, problems } = await collectRuleFiles([root, "/dev/urandom"]);
    expect(files).toEqual([]);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["IO_ERROR", "cannot read: not a regular file"],
      ["IO_ERROR", "cannot read: not a regular file"],
    ]);
  });

  it("a file over the size limit is an IO_ERROR", async () => {
    const big = join(dir, "big.yaml");
    await writeFile(big, `# ${"x".repeat(MAX_RULE_FILE_BYTES)}\n`);
    const { files, problems } = await collectRuleFiles([big]);
    expect(files).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(["IO_ERROR"]);
  });
});
