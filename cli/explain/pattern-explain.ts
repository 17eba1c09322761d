import { matchPattern } from "../../engine/pattern/index.js";

/** Why a pattern did not match: the first field whose own condition fails, and what it held. */
export interface PatternMiss {
  /** Dotted field path, e.g. `detail.lastStatus` (`$or` when an alternative block failed). */
  path: string;
  /** The pattern's values for that field, as written. */
  expected: unknown;
  /** The event's value there, or `missing` when the field is absent. */
  actual: unknown;
  missing: boolean;
}

/**
 * Finds the first pattern field (in pattern order) that fails on its own. Each field is checked
 * with the real matcher on a one-field pattern, so the explanation can never disagree with
 * matching itself; only the choice of which field to blame is ours.
 */
export function explainPattern(pattern: Record<string, unknown>, event: unknown): PatternMiss | undefined {
  if (matchPattern(pattern, event)) return undefined;
  for (const [path, leaf] of leaves(pattern, [])) {
    if (matchPattern(nest(path, leaf), event)) continue;
    const found = valueAt(event, path);
    return {
      path: path.join("."),
      expected: leaf,
      actual: found.missing ? "missing" : found.value,
      missing: found.missing,
    };
  }
  // Each field matches alone but not together (array consistency across fields): blame the whole.
  return { path: "(pattern)", expected: pattern, actual: event, missing: false };
}

/** Pattern leaves: arrays of matchers, or `$or` blocks, with their field paths. */
function* leaves(node: Record<string, unknown>, prefix: string[]): Generator<[string[], unknown]> {
  for (const [key, value] of Object.entries(node)) {
    const path = [...prefix, key];
    if (key === "$or" || Array.isArray(value) || value === null || typeof value !== "object") {
      yield [path, value];
    } else {
      yield* leaves(value as Record<string, unknown>, path);
    }
  }
}

function nest(path: readonly string[], leaf: unknown): Record<string, unknown> {
  let out: unknown = leaf;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i] as string]: out };
  return out as Record<string, unknown>;
}

function valueAt(root: unknown, path: readonly string[]): { value?: unknown; missing: boolean } {
  let node: unknown = root;
  for (const segment of path) {
    if (segment === "$or") return { value: root, missing: false };
    if (Array.isArray(node)) {
      // EventBridge flattens arrays of objects: collect the field from every element.
      const values = node
        .map((el) =>
          el !== null && typeof el === "object" ? (el as Record<string, unknown>)[segment] : undefined,
        )
        .filter((v) => v !== undefined);
      if (values.length === 0) return { missing: true };
      node = values;
      continue;
    }
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return { missing: true };
    node = (node as Record<string, unknown>)[segment];
  }
  return { value: node, missing: false };
}
