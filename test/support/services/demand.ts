import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { TestProject } from "vitest/node";
import { repoRoot } from "./manifest.js";

export interface ServicesDemand {
  readonly needed: boolean;
  readonly reason: string;
}

const testRoot = join(repoRoot, "test");
const integrationRoot = join(testRoot, "integration");
/** Importing either of these (directly or through other test helpers) means a file talks to moto/OpenSearch. */
const servicesEntryPoints = new Set([
  join(testRoot, "support", "services", "index.ts"),
  join(testRoot, "support", "services", "provisioned.ts"),
]);

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** Resolves a relative TypeScript import the way NodeNext does for our sources (".js" names a ".ts" file). */
function resolveImport(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), base, `${base}.ts`];
  return candidates.find((candidate) => candidate.endsWith(".ts") && existsSync(candidate)) ?? null;
}

/**
 * Whether `file` reaches the services entry points through relative imports inside test/. Production code
 * never imports test helpers, so the walk stays in test/ and is quick (a few hundred small files at most).
 */
function reachesServices(file: string, seen: Map<string, boolean>): boolean {
  const known = seen.get(file);
  if (known !== undefined) return known;
  seen.set(file, false); // Cycles: a file being visited does not count as reaching anything by itself.
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  for (const match of source.matchAll(IMPORT)) {
    const target = match[1] === undefined ? null : resolveImport(file, match[1]);
    if (target === null || !target.startsWith(testRoot + sep)) continue;
    if (servicesEntryPoints.has(target) || reachesServices(target, seen)) {
      seen.set(file, true);
      return true;
    }
  }
  return false;
}

/** The CLI file filters of this run (`vitest run test/services`); vitest keeps them on an internal field. */
function fileFilters(project: TestProject): string[] {
  const value: unknown = Reflect.get(project.vitest, "filenamePattern");
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * Decides whether this run needs moto and OpenSearch, so that a run filtered to unit tests does not pay
 * for installing and starting them. Needed when a selected test file lives under test/integration/ or
 * imports test/support/services/index.ts (or provisioned.ts), directly or through other test helpers.
 * RULEBRIDGE_SERVICES=always forces them on.
 */
export async function servicesDemand(project: TestProject): Promise<ServicesDemand> {
  if (process.env.RULEBRIDGE_SERVICES === "always") {
    return { needed: true, reason: "RULEBRIDGE_SERVICES=always" };
  }
  const filters = fileFilters(project);
  const specifications = await project.vitest.globTestSpecifications(filters);
  const seen = new Map<string, boolean>();
  for (const { moduleId } of specifications) {
    if (moduleId.startsWith(integrationRoot + sep) || reachesServices(moduleId, seen)) {
      return { needed: true, reason: `${relative(repoRoot, moduleId)} needs them` };
    }
  }
  return {
    needed: false,
    reason:
      `no selected test file needs them (${specifications.length} file(s)` +
      `${filters.length > 0 ? ` matching ${filters.join(" ")}` : ""}). A test file that uses moto or ` +
      "OpenSearch must live under test/integration/ or import test/support/services/index.js",
  };
}
