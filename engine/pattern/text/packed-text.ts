/**
 * Writes the UTF-16 units of `s` two to a cell, the first in the low half: at 10,000 rules the
 * automaton's code is over a megabyte, mostly texts, and halving them keeps more of it in cache.
 */
export function pushUnits(out: number[], s: string): void {
  for (let k = 0; k < s.length; k += 2)
    out.push(s.charCodeAt(k) | ((k + 1 < s.length ? s.charCodeAt(k + 1) : 0) << 16));
}

/** The cells pushUnits takes for `n` units. */
export function textCells(n: number): number {
  return (n + 1) >> 1;
}

/** Unit `k` of the units pushUnits wrote from `at`. */
export function unitAt(cells: Int32Array, at: number, k: number): number {
  return ((cells[at + (k >> 1)] as number) >>> ((k & 1) << 4)) & 0xffff;
}

/**
 * Whether the `count` units pushUnits wrote from cell `at` are those of `s` from index `i` on, read
 * forwards (`step` 1) or backwards (-1): compared a cell (two units) at a time.
 */
export function unitsEqual(
  cells: Int32Array,
  at: number,
  s: string,
  i: number,
  step: number,
  count: number,
): boolean {
  let c = at;
  let k = 0;
  for (; k + 1 < count; k += 2, i += 2 * step)
    if (cells[c++] !== (s.charCodeAt(i) | (s.charCodeAt(i + step) << 16))) return false;
  // A last lone unit sits in a cell whose high half is 0.
  return k === count || cells[c] === s.charCodeAt(i);
}

/**
 * unitsEqual for the ASCII bytes of `bytes` from `i` on (a byte is its UTF-16 unit), read
 * forwards (`step` 1) or backwards (-1).
 */
export function bytesEqual(
  cells: Int32Array,
  at: number,
  bytes: Uint8Array,
  i: number,
  step: number,
  count: number,
): boolean {
  let c = at;
  let k = 0;
  for (; k + 1 < count; k += 2, i += 2 * step)
    if (cells[c++] !== ((bytes[i] as number) | ((bytes[i + step] as number) << 16))) return false;
  return k === count || cells[c] === bytes[i];
}
