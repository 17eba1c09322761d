import { asciiText } from "../text/ascii-bytes.js";
import {
  ESCAPED_STRING,
  FALSE,
  KIND_MASK,
  MEMBER_FIELDS,
  NULL,
  NUMBER,
  OBJECT,
  STRING,
  type TopLevelMembers,
  TRUE,
} from "./top-level-members.js";

/**
 * `JSON.parse` of the event in `bytes` [start, end) whose top-level members a reader recorded
 * (PatternIndex.matchBytes' `members`: the bytes are ASCII and valid JSON), built from those
 * members instead of parsing the whole text: strings and numbers are made from their slices, and
 * object and array values are parsed only when first read. Such a member is an own, enumerable,
 * configurable accessor that parses a copy of its text (never the bytes, which the caller reuses)
 * and then turns itself into the data property JSON.parse makes; assigning it does the same. So
 * key order, JSON.stringify, spread, `in` and assignment see what they would on JSON.parse's
 * object. Repeated keys keep their first place and last value, as JSON.parse does. Keys spelt with
 * escapes and a `__proto__` key take JSON.parse itself.
 */
export function topLevelEvent(
  bytes: Uint8Array,
  start: number,
  end: number,
  members: TopLevelMembers,
): Record<string, unknown> {
  const d = members.data;
  const n = members.count * MEMBER_FIELDS;
  // One string of the whole line, which members are sliced from: one native call instead of one
  // per member, and a lazy member's text is a slice of it, not a copy.
  const line = asciiText(bytes, start, end);
  if (members.escapedKeys) return JSON.parse(line) as Record<string, unknown>;
  const event: Record<string, unknown> = {};
  let texts: (string | undefined)[] | undefined;
  for (let at = 0; at < n; at += MEMBER_FIELDS) {
    const key = keyAt(bytes, d[at] as number, d[at + 1] as number);
    // JSON.parse makes `__proto__` an own member, where assigning it would set the prototype.
    if (key === "__proto__") return JSON.parse(line) as Record<string, unknown>;
    const from = (d[at + 2] as number) - start;
    const to = (d[at + 3] as number) - start;
    switch ((d[at + 4] as number) & KIND_MASK) {
      case STRING:
        event[key] = line.slice(from + 1, to - 1);
        break;
      case ESCAPED_STRING:
        event[key] = JSON.parse(line.slice(from, to));
        break;
      case NUMBER:
        event[key] = numberAt(bytes, from + start, to + start, line, start);
        break;
      case TRUE:
        event[key] = true;
        break;
      case FALSE:
        event[key] = false;
        break;
      case NULL:
        event[key] = null;
        break;
      default: {
        // An object or array: `{}` and `[]` made at once, others read when first read.
        const kind = (d[at + 4] as number) & KIND_MASK;
        if (to - from === 2) {
          event[key] = kind === OBJECT ? {} : [];
          break;
        }
        texts ??= [];
        const text = line.slice(from, to);
        const i = texts.indexOf(key);
        if (i >= 0) texts[i + 1] = text;
        else texts.push(key, text);
        Object.defineProperty(event, key, accessorOf(key));
      }
    }
  }
  if (texts !== undefined) LazyTexts.stamp(event, texts);
  return event;
}

/**
 * Integers of up to 15 digits (exact in a double) are read from their digits; the rest by Number
 * (of the line's text, which starts at byte `start`).
 */
function numberAt(bytes: Uint8Array, from: number, to: number, line: string, start: number): number {
  let p = from;
  const negative = bytes[p] === 0x2d;
  if (negative) p++;
  if (to - p <= 15) {
    let n = 0;
    for (; p < to; p++) {
      const c = (bytes[p] as number) - 0x30;
      if (c < 0 || c > 9) break;
      n = 10 * n + c;
    }
    // -0 stays -0, as JSON.parse("-0") gives.
    if (p === to) return negative ? -n : n;
  }
  // Number reads the JSON grammar's numbers to the same double as JSON.parse.
  return Number(line.slice(from - start, to - start));
}

/**
 * The texts of an event's lazy members (key, text, key, text...), kept in a private field stamped
 * on the plain object: invisible to every reflection (Reflect.ownKeys, structuredClone), unlike a
 * symbol or a hidden property, and read by accessors shared between events. Per-event closures
 * would cost more: each object with its own accessor pair leaves V8's shared shapes.
 */
class Base {
  constructor(event: object) {
    // biome-ignore lint/correctness/noConstructorReturn: the return override stamps a plain object
    return event;
  }
}

class LazyTexts extends Base {
  #texts: (string | undefined)[];

  private constructor(event: object, texts: (string | undefined)[]) {
    super(event);
    this.#texts = texts;
  }

  static stamp(event: object, texts: (string | undefined)[]): void {
    new LazyTexts(event, texts);
  }

  /** The object stamped whose own member `key` is read through `receiver` (itself, or made from it). */
  static owner(receiver: object): object | undefined {
    for (let o: object | null = receiver; o !== null; o = Object.getPrototypeOf(o)) if (#texts in o) return o;
    return undefined;
  }

  /** The text of `event`'s lazy member `key`. */
  static text(event: object, key: string): string | undefined {
    const texts = (event as LazyTexts).#texts;
    for (let i = 0; i < texts.length; i += 2) if (texts[i] === key) return texts[i + 1];
    return undefined;
  }

  /** Lets go of the text of a member now a data property (it would live as long as the event). */
  static forget(event: object, key: string): void {
    const texts = (event as LazyTexts).#texts;
    for (let i = 0; i < texts.length; i += 2) if (texts[i] === key) texts[i + 1] = undefined;
  }
}

/** Accessors by key (one pair per key, shared by every event). */
const accessors = new Map<string, PropertyDescriptor>();
/** Past this many keys the map starts again (events' own pairs keep working). */
const MAX_ACCESSORS = 1024;

function accessorOf(key: string): PropertyDescriptor {
  let descriptor = accessors.get(key);
  if (descriptor === undefined) {
    if (accessors.size >= MAX_ACCESSORS) accessors.clear();
    descriptor = {
      get(this: object): unknown {
        const owner = LazyTexts.owner(this);
        const text = owner === undefined ? undefined : LazyTexts.text(owner, key);
        if (owner === undefined || text === undefined) return undefined;
        const value: unknown = JSON.parse(text);
        if (settle(owner, key, value)) LazyTexts.forget(owner, key);
        return value;
      },
      set(this: object, value: unknown): void {
        // As assigning a data property: the receiver gets it (in place, when it is the event).
        if (settle(this, key, value) && LazyTexts.owner(this) === this) LazyTexts.forget(this, key);
      },
      enumerable: true,
      configurable: true,
    };
    accessors.set(key, descriptor);
  }
  return descriptor;
}

/** Makes `key` the data property JSON.parse or an assignment would have made, in its place. */
function settle(event: object, key: string, value: unknown): boolean {
  // Reflect: a frozen or sealed event keeps the accessor (and parses again) instead of throwing.
  return Reflect.defineProperty(event, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Keys made from their bytes once: a string made and looked up per key was a third of building an
 * event. A slot holds the last key hashed to it, compared byte by byte.
 */
const KEY_SLOTS = 256;
const cachedKeys: string[] = new Array<string>(KEY_SLOTS).fill("");

function keyAt(bytes: Uint8Array, from: number, to: number): string {
  const n = to - from;
  if (n === 0) return "";
  const slot =
    (31 * n +
      7 * (bytes[from] as number) +
      3 * (bytes[from + (n >> 1)] as number) +
      (bytes[to - 1] as number)) &
    (KEY_SLOTS - 1);
  const cached = cachedKeys[slot] as string;
  if (cached.length === n) {
    let k = 0;
    while (k < n && cached.charCodeAt(k) === bytes[from + k]) k++;
    if (k === n) return cached;
  }
  const key = asciiText(bytes, from, to);
  cachedKeys[slot] = key;
  return key;
}
