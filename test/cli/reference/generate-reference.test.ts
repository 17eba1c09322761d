import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { generateReference, REFERENCE_DIR } from "../../../cli/reference/index.js";
import { ActionRegistry } from "../../../engine/action/registry.js";

const generated = await generateReference(registerBuiltins(new ActionRegistry()));

describe("docs/reference", () => {
  it("holds exactly the generated documents", async () => {
    const committed = (await readdir(REFERENCE_DIR)).filter((f) => f.endsWith(".md")).sort();
    expect(committed, "docs/reference/ differs from what is generated: run `npm run docs`").toEqual(
      Object.keys(generated).sort(),
    );
  });

  it.each(Object.keys(generated))("%s is not stale", async (file) => {
    const path = join(REFERENCE_DIR, file);
    const committed = await readFile(path, "utf8").catch(() => "");
    expect(committed, `${path} is stale: run \`npm run docs\` and commit the result`).toBe(generated[file]);
  });

  it("is deterministic", async () => {
    expect(await generateReference(registerBuiltins(new ActionRegistry()))).toEqual(generated);
  });

  it("indexes every document it generates", () => {
    const index = generated["README.md"]!;
    for (const file of Object.keys(generated).filter((f) => f !== "README.md")) {
      expect(index).toContain(`](${file})`);
    }
  });
});
