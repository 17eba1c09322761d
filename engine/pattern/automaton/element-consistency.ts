import type { EventLeaves, LeafSlot } from "../reading/event-leaves.js";
import { matchValuePattern } from "../values/value-pattern.js";
import type { RouteField } from "./fast-route.js";

function holds(field: RouteField, slot: LeafSlot, i: number): boolean {
  for (const pattern of field.patterns) if (matchValuePattern(pattern, slot.view(i), field.mode)) return true;
  return false;
}

/**
 * Array consistency for a branch the automaton accepted with leaves in arrays of objects, decided
 * from the leaves alone in the common case: every such field's leaves sit directly in the elements of
 * one array. The branch then matches when, for each array shared by several fields, one element
 * holds a matching value for each of them (what the exact walk finds: values outside an array a
 * match has committed to are not constrained by it). Returns null for anything else — nested arrays,
 * a path with leaves both in and out of an array, `exists: false` — which the exact walk decides.
 */
export function consistentElements(
  route: readonly RouteField[],
  slots: readonly number[],
  leaves: EventLeaves,
): boolean | null {
  const byArray = new Map<number, number[]>();
  for (let f = 0; f < route.length; f++) {
    if ((route[f] as RouteField).absent) return null;
    const slot = leaves.slots[slots[f] as number] as LeafSlot;
    if (!slot.anyMembered) continue;
    if (slot.array < 0) return null;
    const fields = byArray.get(slot.array);
    if (fields === undefined) byArray.set(slot.array, [f]);
    else fields.push(f);
  }
  for (const fields of byArray.values()) {
    if (fields.length < 2) continue;
    if (!someElementHoldsAll(route, slots, leaves, fields)) return false;
  }
  return true;
}

/**
 * Per array element, how many of the fields (taken in order) it holds so far, as `base` + count;
 * reused from call to call, so nothing is cleared: each call starts from a base above every mark.
 */
let marks = new Int32Array(64);
let base = 0;

/**
 * Whether one element holds a matching value for every field of `fields`, in one pass over each
 * field's leaves (each leaf tested at most once): an element that held fields 0..k-1 moves to k when
 * one of its leaves holds field k. Linear in the leaves; before, each match of the first field
 * scanned every leaf of the others: quadratic in the array's length (issue 19; growth in
 * bench/hostile-growth.mjs).
 */
function someElementHoldsAll(
  route: readonly RouteField[],
  slots: readonly number[],
  leaves: EventLeaves,
  fields: readonly number[],
): boolean {
  if (base > 0x7fffffff - fields.length - 1) {
    marks.fill(0);
    base = 0;
  }
  const start = base + 1;
  base = start + fields.length;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k] as number;
    const field = route[f] as RouteField;
    const slot = leaves.slots[slots[f] as number] as LeafSlot;
    const before = start + k - 1;
    let any = false;
    for (let j = 0; j < slot.n; j++) {
      const element = slot.element(j);
      if (element >= marks.length) grow(element);
      // The first field starts from any element; later ones only from elements that held all before.
      const mark = marks[element] as number;
      if (k === 0 ? mark >= start : mark !== before) continue;
      if (!holds(field, slot, j)) continue;
      marks[element] = start + k;
      any = true;
    }
    if (!any) return false;
  }
  return true;
}

function grow(element: number): void {
  let size = marks.length;
  while (size <= element) size *= 2;
  const next = new Int32Array(size);
  next.set(marks);
  marks = next;
}
