import type { JsonPath } from "../load/source-map.js";

/** Every string inside a JSON-like value, with its path; keys are not visited. */
export function* stringLeaves(value: unknown, path: (string | number)[] = []): Generator<[JsonPath, string]> {
  if (typeof value === "string") {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* stringLeaves(value[i], [...path, i]);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* stringLeaves(v, [...path, k]);
  }
}
