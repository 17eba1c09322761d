/**
 * Array membership: for a leaf value, which element of each enclosing array of objects (or of
 * arrays) it sits in. Matching is array-consistent: all values one pattern branch uses must agree
 * on the element of every array they share.
 */
export type Membership = ReadonlyMap<number, number>;

export const NO_MEMBERSHIP: Membership = new Map();

/**
 * The membership of a match so far extended by `field`, or null when `field` sits in another element
 * of an array the match already committed to.
 */
export function mergeMembership(soFar: Membership, field: Membership): Membership | null {
  if (soFar.size === 0) return field;
  let merged: Map<number, number> | null = null;
  for (const [array, index] of field) {
    const committed = soFar.get(array);
    if (committed === undefined) {
      merged ??= new Map(soFar);
      merged.set(array, index);
    } else if (committed !== index) {
      return null;
    }
  }
  return merged ?? soFar;
}
