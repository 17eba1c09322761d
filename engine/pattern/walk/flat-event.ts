import {
  jsonView,
  MAX_NAME_LENGTH,
  MAX_NESTING_DEPTH,
  MAX_STRING_LENGTH,
  numberText,
} from "../syntax/json-node.js";
import { EventValue } from "../values/event-value.js";
import { type Membership, NO_MEMBERSHIP } from "./array-membership.js";

/** One leaf of a FlatEvent: its value, its array membership, and (rarely) its raw key steps. */
export interface EventField {
  value: EventValue;
  membership: Membership;
  /** The raw key steps, kept only when some step is empty or has an empty dot-part (see usedBy). */
  steps: readonly string[] | null;
}

/** A path's leaves by the element of one array they sit in (see FlatEvent.elementsOf). */
export interface ElementIndex {
  /** The leaves in each element of the array. */
  readonly byElement: ReadonlyMap<number, readonly EventField[]>;
  /** The leaves outside the array. */
  readonly outside: readonly EventField[];
}

/**
 * An event flattened once into leaf values by dotted path ("a.b" whether it came from nested
 * objects or a dotted key), each with its array membership. Objects and empty arrays produce no
 * leaf, which is why exists:true never matches them.
 */
export class FlatEvent {
  private readonly fields = new Map<string, EventField[]>();
  private readonly elementIndexes = new WeakMap<readonly EventField[], Map<number, ElementIndex>>();
  /** For each array (numbered in document order), the member names on the way to it. */
  readonly arrayKeys: (readonly string[])[] = [];
  private readonly javaIds = new WeakMap<object, readonly number[]>();

  add(path: string, field: EventField): void {
    const list = this.fields.get(path);
    if (list) list.push(field);
    else this.fields.set(path, [field]);
  }

  /** The leaves at `path`, in document order. */
  at(path: string): readonly EventField[] {
    return this.fields.get(path) ?? [];
  }

  /**
   * `leaves` (a list of this event's leaves) by the element of `array` each sits in, made once per
   * list and array: the exact walk looks up the leaves of one element for every value it tries, and
   * filtering the whole list each time made it quadratic in the array's length (issue 19).
   */
  elementsOf(leaves: readonly EventField[], array: number): ElementIndex {
    let byArray = this.elementIndexes.get(leaves);
    if (byArray === undefined) {
      byArray = new Map();
      this.elementIndexes.set(leaves, byArray);
    }
    let index = byArray.get(array);
    if (index === undefined) {
      const byElement = new Map<number, EventField[]>();
      const outside: EventField[] = [];
      for (const leaf of leaves) {
        const element = leaf.membership.get(array);
        if (element === undefined) outside.push(leaf);
        else {
          const list = byElement.get(element);
          if (list === undefined) byElement.set(element, [leaf]);
          else list.push(leaf);
        }
      }
      index = { byElement, outside };
      byArray.set(array, index);
    }
    return index;
  }

  paths(): IterableIterator<string> {
    return this.fields.keys();
  }

  /**
   * event-ruler's number for each array, as a pattern sees the event: event-ruler numbers arrays in
   * document order but never enters a member whose name no pattern path uses, so arrays under such
   * members take no number (they get one past any real number here). `owner` caches the answer per
   * pattern.
   */
  javaArrayIds(owner: object, uses: (key: string) => boolean): readonly number[] {
    let ids = this.javaIds.get(owner);
    if (ids === undefined) {
      let next = 0;
      const unseen = this.arrayKeys.length;
      ids = this.arrayKeys.map((keys, i) => (keys.every(uses) ? next++ : unseen + i));
      this.javaIds.set(owner, ids);
    }
    return ids;
  }
}

class InvalidEvent extends Error {}

/** A key step or path with an empty dot-part ("", ".a", "a.", "a..b"). */
export function hasEmptyPart(step: string): boolean {
  return step === "" || step.startsWith(".") || step.endsWith(".") || step.includes("..");
}

class Flattener {
  readonly event = new FlatEvent();
  constructor(private readonly enters: ((name: string) => boolean) | undefined) {}
  private arrays = 0;
  private readonly steps: string[] = [];
  private readonly membership = new Map<number, number>();
  private emptySteps = 0;

  private leaf(value: EventValue): void {
    const snapshot = this.membership.size === 0 ? NO_MEMBERSHIP : new Map(this.membership);
    const steps = this.emptySteps > 0 ? [...this.steps] : null;
    this.event.add(this.steps.join("."), { value, membership: snapshot, steps });
  }

  private scalar(value: unknown): boolean {
    switch (typeof value) {
      case "string":
        if (value.length > MAX_STRING_LENGTH) throw new InvalidEvent();
        this.leaf(EventValue.string(value));
        return true;
      case "number":
        // Not JSON: event-ruler cannot parse the event at all.
        if (!Number.isFinite(value)) throw new InvalidEvent();
        this.leaf(EventValue.number(value, numberText(value)));
        return true;
      case "bigint":
        this.leaf(EventValue.number(Number(value), value.toString()));
        return true;
      case "boolean":
        this.leaf(EventValue.literal(value ? "true" : "false"));
        return true;
      default:
        if (value === null) {
          this.leaf(EventValue.literal("null"));
          return true;
        }
        return false;
    }
  }

  object(node: object, depth: number): void {
    if (depth > MAX_NESTING_DEPTH) throw new InvalidEvent();
    for (const key of Object.keys(node)) {
      if (key.length > MAX_NAME_LENGTH) throw new InvalidEvent();
      if (this.enters !== undefined && !this.enters(key)) continue;
      const value = jsonView(Reflect.get(node, key));
      if (value === undefined) continue;
      this.steps.push(key);
      const empty = hasEmptyPart(key);
      if (empty) this.emptySteps++;
      this.member(value, depth);
      if (empty) this.emptySteps--;
      this.steps.pop();
    }
  }

  private member(value: unknown, depth: number): void {
    if (this.scalar(value)) return;
    if (Array.isArray(value)) this.array(value, depth + 1);
    else this.object(value as object, depth + 1);
  }

  private array(items: unknown[], depth: number): void {
    if (depth > MAX_NESTING_DEPTH) throw new InvalidEvent();
    const id = this.arrays++;
    this.event.arrayKeys[id] = [...this.steps];
    items.forEach((raw, index) => {
      const item = jsonView(raw) ?? null;
      if (this.scalar(item)) return;
      // Only object and array elements are "in" the array; scalars share the array's membership.
      this.membership.set(id, index);
      this.member(item, depth);
      this.membership.delete(id);
    });
  }
}

/**
 * The flattened event, or null when `event` is not a JSON object event-ruler could read. With
 * `enters`, members whose name it refuses are left out, with what is below them: for a caller that
 * already knows the event is readable and whose patterns use no such name (event-ruler never enters
 * those members either, so no pattern can tell).
 */
export function flattenEvent(event: unknown, enters?: (name: string) => boolean): FlatEvent | null {
  try {
    const root = jsonView(event);
    if (typeof root !== "object" || root === null || Array.isArray(root)) return null;
    const flattener = new Flattener(enters);
    flattener.object(root, 1);
    return flattener.event;
  } catch {
    // InvalidEvent, or a hostile input (throwing getter, revoked proxy): never a match.
    return null;
  }
}
