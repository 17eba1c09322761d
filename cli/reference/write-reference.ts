import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ActionRegistry } from "../../engine/action/registry.js";
import { generateReference, REFERENCE_DIR } from "./generate-reference.js";

/**
 * Writes the reference documents under `<root>/docs/reference/` and removes Markdown files there
 * that are no longer generated. Returns the paths written, relative to `root`.
 */
export async function writeReference(root: string, registry: ActionRegistry): Promise<string[]> {
  const dir = join(root, REFERENCE_DIR);
  const files = await generateReference(registry);
  await mkdir(dir, { recursive: true });
  for (const existing of await readdir(dir)) {
    if (existing.endsWith(".md") && !(existing in files)) await rm(join(dir, existing));
  }
  const written: string[] = [];
  for (const [file, markdown] of Object.entries(files)) {
    await writeFile(join(dir, file), markdown);
    written.push(`${REFERENCE_DIR}/${file}`);
  }
  return written;
}
