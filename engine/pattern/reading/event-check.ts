import {
  jsonView,
  MAX_NAME_LENGTH,
  MAX_NESTING_DEPTH,
  MAX_STRING_LENGTH,
  nameLengthError,
  nestingError,
  stringLengthError,
} from "../syntax/json-node.js";

/** Why an event cannot be matched as EventBridge would: the reason, and the field it is at. */
export interface EventError {
  message: string;
  /** Object keys and array indexes from the event's root to the offending value. */
  path: (string | number)[];
  /** `path` as one name (`detail.items[2].name`), long keys shortened: for messages and logs. */
  field: string;
}

class Unreadable extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

/**
 * null when EventBridge's matcher can read `event` (and so rulebridge's matches mean what they say),
 * else why not. event-ruler refuses the whole event past its JSON parser's limits (nesting deeper
 * than 1,000 levels, a member name over 50,000 characters, a string over 20,000,000); and a number
 * beyond a double's range (the literal `1e400`) arrives in JavaScript as Infinity, which rulebridge
 * cannot match as event-ruler does (it keeps the number's text). The matchers answer "no match" for
 * all of these; callers that must not lose such an event (the CLI, the Lambda handler) ask here first
 * and report it as invalid input.
 */
export function checkEvent(event: unknown): EventError | null {
  if (typeof event !== "object" || event === null || Array.isArray(event))
    return { message: "Event must be a JSON object", path: [], field: "" };
  const path: (string | number)[] = [];
  try {
    visit(event, path, 1);
    return null;
  } catch (error) {
    if (!(error instanceof Unreadable)) {
      // A getter that throws, a revoked proxy: not JSON data; the matchers answer as for any such input.
      return null;
    }
    return { message: error.message, path: error.path, field: fieldName(error.path) };
  }
}

function visit(value: unknown, path: (string | number)[], depth: number): void {
  const v = jsonView(value);
  switch (typeof v) {
    case "string":
      if (v.length > MAX_STRING_LENGTH) throw new Unreadable(stringLengthError(v.length), [...path]);
      return;
    case "number":
      if (!Number.isFinite(v))
        throw new Unreadable(
          "Number out of range: beyond a double's ±1.7976931348623157e308 (a literal such as 1e400), which rulebridge cannot read as EventBridge does",
          [...path],
        );
      return;
    case "object":
      break;
    default:
      return;
  }
  if (v === null) return;
  if (depth > MAX_NESTING_DEPTH) throw new Unreadable(nestingError(depth), [...path]);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      visit(v[i], path, depth + 1);
      path.pop();
    }
    return;
  }
  for (const key of Object.keys(v)) {
    if (key.length > MAX_NAME_LENGTH) throw new Unreadable(nameLengthError(key.length), [...path, key]);
    path.push(key);
    visit(Reflect.get(v, key), path, depth + 1);
    path.pop();
  }
}

/** Keys longer than this are shown by their start and length: a field name must not echo 50,000 characters. */
const SHOWN_KEY = 40;

/** Paths deeper than this show their first steps and their depth: 1,001 levels would be 5,000 characters. */
const SHOWN_STEPS = 12;

/** `detail.items[2].name`; a key that is not a plain name is quoted, a long key or path shortened. */
export function fieldName(path: readonly (string | number)[]): string {
  let out = "";
  for (const step of path.slice(0, SHOWN_STEPS)) {
    if (typeof step === "number") out += `[${step}]`;
    else {
      const shown =
        step.length > SHOWN_KEY ? `${step.slice(0, SHOWN_KEY)}…(${step.length} characters)` : step;
      const plain = /^[A-Za-z_$][\w$-]*$/.test(step);
      out += plain ? (out === "" ? shown : `.${shown}`) : `[${JSON.stringify(shown)}]`;
    }
  }
  return path.length > SHOWN_STEPS ? `${out}…(${path.length} levels)` : out;
}
