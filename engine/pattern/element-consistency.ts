import type { EventLeaves, LeafSlot } from "./event-leaves.js";
import type { RouteField } from "./fast-route.js";
import { matchValuePattern } from "./value-pattern.js";

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

function someElementHoldsAll(
  route: readonly RouteField[],
  slots: readonly number[],
  leaves: EventLeaves,
  fields: readonly number[],
): boolean {
  const [first, ...rest] = fields as [number, ...number[]];
  const firstSlot = leaves.slots[slots[first] as number] as LeafSlot;
  for (let i = 0; i < firstSlot.n; i++) {
    if (!holds(route[first] as RouteField, firstSlot, i)) continue;
    const element = firstSlot.element(i);
    const all = rest.every((f) => {
      const slot = leaves.slots[slots[f] as number] as LeafSlot;
      for (let j = 0; j < slot.n; j++) {
        if (slot.element(j) === element && holds(route[f] as RouteField, slot, j)) return true;
      }
      return false;
    });
    if (all) return true;
  }
  return false;
}
