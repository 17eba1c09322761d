import { argPath, asOperation, type LogicPath, MAX_DEPTH, varSegments } from "./logic-shape.js";
import { OPERATORS } from "./operators.js";

/**
 * The context variables a condition reads, as segments from the root (`{"var": "alarm.value"}` →
 * `["alarm", "value"]`), in order of first use, without duplicates. Keys named by `missing` and
 * `missing_some` count as reads.
 *
 * Not listed: paths computed at run time (`{"var": {"cat": …}}`), the whole-data `{"var": ""}`,
 * and variables inside the per-item logic of `map`/`filter`/`reduce`/`all`/`none`/`some`, which
 * are relative to each item (or `current`/`accumulator`), not to the context.
 * Never throws, whatever the input; malformed parts are skipped (checkCondition reports them).
 */
export function conditionVariables(logic: unknown): (string | number)[][] {
  const found = new Map<string, (string | number)[]>();
  collect(logic, [], 0, found);
  return [...found.values()];
}

function collect(
  value: unknown,
  path: LogicPath,
  depth: number,
  found: Map<string, (string | number)[]>,
): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collect(value[i], [...path, i], depth + 1, found);
    return;
  }
  const operation = asOperation(value, path);
  if (!operation) {
    for (const [k, v] of Object.entries(value)) collect(v, [...path, k], depth + 1, found);
    return;
  }
  const { op, args } = operation;
  const add = (key: unknown) => {
    if ((typeof key === "string" && key !== "") || typeof key === "number") {
      const segments = varSegments(key);
      found.set(JSON.stringify(segments), segments);
    } else {
      collect(key, path, depth + 1, found);
    }
  };
  if (op === "var") {
    add(args[0]);
    for (let i = 1; i < args.length; i++) collect(args[i], argPath(operation, i), depth + 1, found);
    return;
  }
  if (op === "missing" || op === "missing_some") {
    args.forEach((arg, i) => {
      const isKeys = op === "missing" || i === 1;
      if (!isKeys) collect(arg, argPath(operation, i), depth + 1, found);
      else if (Array.isArray(arg)) arg.forEach(add);
      else add(arg);
    });
    return;
  }
  const scoped = Object.hasOwn(OPERATORS, op) ? OPERATORS[op]?.scopedArg : undefined;
  args.forEach((arg, i) => {
    if (i !== scoped) collect(arg, argPath(operation, i), depth + 1, found);
  });
}
