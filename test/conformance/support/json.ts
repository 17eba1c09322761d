/** Plain JSON data, as patterns and events are once parsed. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own-property object creation that is safe for any key (including "__proto__"). */
export function objectOf(entries: Iterable<readonly [string, Json]>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Deep merge of two event fragments: objects merge key by key, anything else is replaced by `b`. */
export function deepMerge(a: Json, b: Json): Json {
  if (isJsonObject(a) && isJsonObject(b)) {
    const out = objectOf(Object.entries(a));
    for (const [key, value] of Object.entries(b)) {
      const existing = Object.hasOwn(out, key) ? out[key] : undefined;
      out[key] = existing === undefined ? value : deepMerge(existing, value);
    }
    return out;
  }
  return b;
}

/** Compact JSON for reports; keeps -0 visible. */
export function show(value: unknown): string {
  if (typeof value === "number" && Object.is(value, -0)) return "-0";
  if (Array.isArray(value)) return `[${value.map(show).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${show(v)}`)
      .join(",")}}`;
  }
  if (value === undefined) return "undefined";
  return JSON.stringify(value) ?? String(value);
}
