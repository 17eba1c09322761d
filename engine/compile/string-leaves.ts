import type { JsonPath } from "../load/source-map.js";

/**
 * Visits every string inside a JSON-like value (keys are not visited), depth first in key
 * order. `path()` builds the string's path only when asked: most strings need none.
 */
export function forEachStringLeaf(value: unknown, visit: (text: string, path: () => JsonPath) => void): void {
  const stack: (string | number)[] = [];
  const path = (): JsonPath => [...stack];
  const walk = (node: unknown): void => {
    if (typeof node === "string") {
      visit(node, path);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        stack.push(i);
        walk(node[i]);
        stack.pop();
      }
    } else if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        stack.push(k);
        walk(v);
        stack.pop();
      }
    }
  };
  walk(value);
}
