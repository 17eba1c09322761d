/**
 * How liquidjs (10.30, with liquid-engine.ts's options) reads JSON data, for simple-template.ts:
 * `Context.readProperty` with ownPropertyOnly (size, first, last, negative indexes, strings) and
 * the `json` filter with its memory charges. No liquidjs here: the engine bundle renders simple
 * templates before loading it.
 */

/** A value the reads below do not interpret the way liquidjs would: the render goes to liquidjs. */
export const DECLINE: unique symbol = Symbol("decline");

/** liquid-engine.ts's memoryLimit, which the `json` filter charges per render (liquidjs's Limiter). */
const MEMORY_LIMIT = 50_000_000;
export const OVER_MEMORY: unique symbol = Symbol("over memory");

/** liquidjs's Context.readProperty with ownPropertyOnly, for JSON data. */
export function readProperty(obj: unknown, key: string | number): unknown {
  if (obj === null) return null; // liquidjs reads through null, and the null output fails as null
  if (typeof obj === "object") {
    if (!isJsonContainer(obj) || typeof (obj as { toLiquid?: unknown }).toLiquid === "function")
      return DECLINE;
  } else if (typeof obj !== "string" && typeof obj !== "number" && typeof obj !== "boolean") {
    return DECLINE;
  }
  const target = obj as Record<string | number, unknown>;
  if (Array.isArray(obj) && typeof key === "number") return element(obj, key);
  const value = Object.hasOwn(target, key) ? target[key] : undefined;
  if (typeof value === "function") return DECLINE;
  if (key === "size") return readSize(target);
  if (key === "first") return Array.isArray(obj) ? element(obj, 0) : value;
  if (key === "last") return Array.isArray(obj) ? element(obj, -1) : value;
  return value;
}

function element(arr: readonly unknown[], index: number): unknown {
  const at = index < 0 ? arr.length + index : index;
  return Object.hasOwn(arr, at) ? arr[at] : undefined;
}

/** liquidjs's readSize: an own (or inherited) `size`, else the length, else the key count. */
function readSize(obj: Record<string | number, unknown>): unknown {
  if (Object.hasOwn(obj, "size") || obj.size !== undefined) return obj.size;
  if (Array.isArray(obj) || typeof obj === "string") return (obj as { length: number }).length;
  if (typeof obj === "object") return Object.keys(obj).length;
  return undefined;
}

/** Arrays and plain objects: what JSON.parse and YAML build, and the engine's own context objects. */
export function isJsonContainer(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) ? proto === Array.prototype : proto === Object.prototype || proto === null;
}

/** liquidjs's `json` filter (no indent), charging the render's memory as its replacer does. */
export function jsonFilter(
  value: unknown,
  memory: { used: number },
): string | typeof DECLINE | typeof OVER_MEMORY {
  const type = typeof value;
  if (
    type === "object"
      ? !isJsonContainer(value as object)
      : type !== "string" && type !== "number" && type !== "boolean"
  )
    return DECLINE;
  try {
    return JSON.stringify(value, (_key, val: unknown) => charge(memory, val));
  } catch (err) {
    // A cycle or a BigInt: let liquidjs report it its way.
    return err === OVER_MEMORY ? OVER_MEMORY : DECLINE;
  }
}

function charge(memory: { used: number }, val: unknown): unknown {
  let count = 0;
  if (typeof val === "string") count = val.length;
  else if (val === null || typeof val === "number" || typeof val === "boolean")
    count = JSON.stringify(val).length;
  else if (Array.isArray(val)) count = val.length + 1;
  else if (typeof val === "object") count = 2;
  if (count > 0) {
    if (memory.used + count > MEMORY_LIMIT) throw OVER_MEMORY;
    memory.used += count;
  }
  return val;
}
