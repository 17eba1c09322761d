import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * engine/pattern is split into rooms along its seams, each depending only on rooms below it (issue
 * 24): a lower room importing a higher one, an import cycle between files, or code outside the
 * matcher reaching past its entry (index.ts) fails here.
 */

const repo = resolve(import.meta.dirname, "..", "..", "..");
const pattern = join(repo, "engine", "pattern");

/** Lowest first. The entry (index.ts) and PatternIndex sit above them all. */
const ROOMS = ["text", "structures", "values", "syntax", "reading", "walk", "automaton", "."];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The relative imports of a file (type-only ones included), as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)\.js"/g)].map((m) =>
    resolve(dirname(file), `${m[1]}.ts`),
  );
}

function roomOf(file: string): string {
  const inside = relative(pattern, dirname(file));
  return inside === "" ? "." : (inside.split("/")[0] as string);
}

describe("the matcher's rooms", () => {
  const files = tsFiles(pattern);

  it("every file sits in a known room", () => {
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expect(ROOMS, relative(repo, file)).toContain(roomOf(file));
  });

  it("no room imports a room above it", () => {
    const upward: string[] = [];
    for (const file of files)
      for (const target of importsOf(file)) {
        if (!target.startsWith(pattern)) continue;
        if (ROOMS.indexOf(roomOf(target)) > ROOMS.indexOf(roomOf(file)))
          upward.push(`${relative(pattern, file)} → ${relative(pattern, target)}`);
      }
    expect(upward).toEqual([]);
  });

  it("no import cycle between files", () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith(pattern))]));
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(pattern, f)).join(" → "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("code outside the matcher imports only its entry", () => {
    const outside = ["engine", "actions", "handler", "deploy", "cli"].flatMap((dir) =>
      tsFiles(join(repo, dir)),
    );
    const deep: string[] = [];
    for (const file of outside) {
      if (file.startsWith(pattern)) continue;
      for (const target of importsOf(file))
        if (target.startsWith(pattern) && target !== join(pattern, "index.ts"))
          deep.push(`${relative(repo, file)} → ${relative(repo, target)}`);
    }
    expect(deep).toEqual([]);
  });

  it("catches an upward import (the check itself works)", () => {
    const lower = join(pattern, "text", "java-text.ts");
    const higher = join(pattern, "automaton", "match-automaton.ts");
    expect(ROOMS.indexOf(roomOf(higher))).toBeGreaterThan(ROOMS.indexOf(roomOf(lower)));
    expect(importsOf(join(pattern, "automaton", "state-code.ts"))).toContain(
      join(pattern, "automaton", "edge.ts"),
    );
  });
});
