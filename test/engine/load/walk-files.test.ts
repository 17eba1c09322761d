import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type WalkEntry, walkFiles } from "../../../engine/load/walk-files.js";

const root = mkdtempSync(join(tmpdir(), "rulebridge-walk-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const file of ["b.yaml", "a.yaml", "notes.txt", ".hidden.yaml", "sub/c.yaml", "node_modules/x.yaml"]) {
  mkdirSync(join(root, file, ".."), { recursive: true });
  writeFileSync(join(root, file), "x\n");
}
mkdirSync(join(root, ".git"));
writeFileSync(join(root, ".git", "d.yaml"), "x\n");
symlinkSync(root, join(root, "sub", "loop")); // a cycle back to the root
symlinkSync(join(root, "a.yaml"), join(root, "sub", "again.yaml")); // a second way to a.yaml

async function walk(path: string, seen?: Set<string>): Promise<string[]> {
  const out: string[] = [];
  const opts = {
    accept: (name: string) => name.endsWith(".yaml"),
    skipFolder: (name: string) => name === "node_modules",
    ...(seen ? { seen } : {}),
  };
  for await (const e of walkFiles(path, opts)) out.push(describeEntry(e));
  return out;
}

function describeEntry(e: WalkEntry): string {
  const at = relative(root, e.path) || ".";
  return e.kind === "error" ? `error ${at}` : `${e.explicit ? "given" : "found"} ${at}`;
}

describe("walkFiles", () => {
  it("walks folders sorted, skips hidden and skipped folders, takes each real file once, ends cycles", async () => {
    expect(await walk(root)).toEqual(["found a.yaml", "found b.yaml", "found sub/c.yaml"]);
  });

  it("takes a path given explicitly whatever its name, and reports what it cannot read", async () => {
    expect(await walk(join(root, "notes.txt"))).toEqual(["given notes.txt"]);
    expect(await walk(join(root, "missing"))).toEqual(["error missing"]);
  });

  it("shares `seen` between calls, so a file given twice comes once", async () => {
    const seen = new Set<string>();
    expect([...(await walk(join(root, "a.yaml"), seen)), ...(await walk(root, seen))]).toEqual([
      "given a.yaml",
      "found b.yaml",
      "found sub/c.yaml",
    ]);
  });
});
