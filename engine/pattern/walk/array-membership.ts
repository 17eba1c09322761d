/**
 * Array membership: for a leaf value, which element of each enclosing array of objects (or of
 * arrays) it sits in. Matching is array-consistent: all values one pattern branch uses must agree
 * on the element of every array they share.
 */
export type Membership = ReadonlyMap<number, number>;

export const NO_MEMBERSHIP: Membership = new Map();

/**
 * The membership of a match so far extended by `field`, or null when `field` sits in another element
 * of an array the match already committed to. Memberships keep their arrays in the order event-ruler
 * inserted them into its own map (which decides that map's iteration order, see javaIterationOrder):
 * a field's own arrays outermost first, and arrays a field adds to a match in the order event-ruler
 * iterates the field's map — `javaId` gives event-ruler's array numbers, needed only when a field
 * adds more than one array at once.
 */
export function mergeMembership(
  soFar: Membership,
  field: Membership,
  javaId: (array: number) => number,
): Membership | null {
  if (soFar.size === 0) return field;
  let added = 0;
  for (const [array, index] of field) {
    const committed = soFar.get(array);
    if (committed === undefined) added++;
    else if (committed !== index) return null;
  }
  if (added === 0) return soFar;
  const merged = new Map(soFar);
  const order = added > 1 ? inJavaOrder([...field.keys()], javaId) : field.keys();
  for (const array of order) if (!soFar.has(array)) merged.set(array, field.get(array) ?? 0);
  return merged;
}

/** `arrays` in the order event-ruler iterates a map holding them, inserted in this order. */
export function inJavaOrder(arrays: readonly number[], javaId: (array: number) => number): number[] {
  const byJavaId = new Map(arrays.map((array) => [javaId(array), array]));
  return javaIterationOrder([...byJavaId.keys()]).map((id) => byJavaId.get(id) ?? 0);
}

/**
 * The order in which event-ruler's IntIntMap (the map behind its array memberships) iterates keys
 * inserted in `keys` order: an open-addressing table of 8 slots (doubled past a 0.75 load) indexed
 * by a mix of the key, probed linearly, iterated slot by slot. The arrays' keys are event-ruler's
 * array numbers (see FlatEvent.javaArrayIds).
 */
export function javaIterationOrder(keys: readonly number[]): number[] {
  let table: number[] = new Array<number>(8).fill(-1);
  let threshold = 6;
  let size = 0;
  const put = (key: number): void => {
    const mask = table.length - 1;
    let slot = phiMix(key) & mask;
    while (table[slot] !== -1) {
      if (table[slot] === key) return;
      slot = (slot + 1) & mask;
    }
    table[slot] = key;
    if (size < threshold) {
      size++;
      return;
    }
    const old = table;
    table = new Array<number>(old.length * 2).fill(-1);
    threshold = Math.trunc(table.length * 0.75);
    size = 0;
    for (let i = old.length - 1; i >= 0; i--) {
      const k = old[i] ?? -1;
      if (k !== -1) put(k);
    }
  };
  for (const key of keys) put(key);
  return table.filter((k) => k !== -1);
}

function phiMix(key: number): number {
  const h = Math.imul(key, 0x9e3779b9 | 0);
  return h ^ (h >> 16);
}
