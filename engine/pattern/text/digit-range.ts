/**
 * A range over fixed-length digit strings (the hex digits of an IP address), matched the way
 * event-ruler's byte automaton matches it: digit by digit, deciding as soon as the prefix read so far
 * settles the answer. The early decision matters when the value and the range have different lengths
 * (an IPv6 address against an IPv4 CIDR, or the reverse): extra value digits are never read, and a
 * value that ends before the decision does not match.
 */
export interface DigitRange {
  bottom: string;
  top: string;
  openBottom: boolean;
  openTop: boolean;
}

function followEdge(value: string, edge: string, fork: number, open: boolean, below: boolean): boolean {
  const last = edge.length - 1;
  if (fork === last) return !open;
  for (let i = fork + 1; i < last; i++) {
    const v = value[i];
    const e = edge[i] ?? "";
    if (v === undefined) return false;
    if (v === e) continue;
    // On the bottom edge any larger digit is inside; on the top edge any smaller one.
    return below ? v > e : v < e;
  }
  const v = value[last];
  const e = edge[last] ?? "";
  if (v === undefined) return false;
  if (v === e) return !open;
  return below ? v > e : v < e;
}

/** Whether `value` (digits in the same alphabet, compared by code unit) falls in `range`. */
export function matchDigitRange(value: string, range: DigitRange): boolean {
  const { bottom, top } = range;
  let fork = 0;
  while (fork < bottom.length && bottom[fork] === top[fork]) {
    if (value[fork] !== bottom[fork]) return false;
    fork++;
  }
  if (fork >= bottom.length) return false;
  const d = value[fork];
  if (d === undefined) return false;
  const low = bottom[fork] ?? "";
  const high = top[fork] ?? "";
  if (d > low && d < high) return true;
  if (d === low) return followEdge(value, bottom, fork, range.openBottom, true);
  if (d === high) return followEdge(value, top, fork, range.openTop, false);
  return false;
}
