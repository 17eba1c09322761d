/**
 * ASCII names and values compared in place in the reader's bytes, four at a time: the bytes as
 * little-endian 32-bit words (readable a word past any byte compared), against names packed four
 * bytes to a cell. No string is made or hashed to find a key's step or a value's number.
 */

/** The four bytes from byte `p` of `words` as one little-endian word. */
export function wordAt(words: Int32Array, p: number): number {
  const i = p >> 2;
  const shift = (p & 3) << 3;
  // A shift of 32 is a shift of 0 in JavaScript: an aligned word is read alone.
  return shift === 0
    ? (words[i] as number)
    : ((words[i] as number) >>> shift) | ((words[i + 1] as number) << (32 - shift));
}

/** Whether the `length` bytes packed four to a cell from `at` of `table` are those from byte `start` of `words`. */
export function sameBytes(
  table: Int32Array,
  at: number,
  words: Int32Array,
  start: number,
  length: number,
): boolean {
  const full = length >> 2;
  for (let k = 0; k < full; k++) if (table[at + k] !== wordAt(words, start + 4 * k)) return false;
  const rest = length & 3;
  return rest === 0 || (wordAt(words, start + 4 * full) & ((1 << (8 * rest)) - 1)) === table[at + full];
}

/** Appends the ASCII `s` to `out` four bytes to a cell (little-endian, as wordAt reads them). */
export function pushPacked(out: number[], s: string): void {
  for (let k = 0; k < s.length; k += 4) {
    let word = 0;
    for (let j = Math.min(s.length - k, 4) - 1; j >= 0; j--) word = (word << 8) | s.charCodeAt(k + j);
    out.push(word);
  }
}

/**
 * A hash of the `length` bytes from byte `start` of `words`, from their length and first and last
 * four: values compared by their bytes are short and differ there (regions, accounts, sources), and
 * a table lookup compares the whole value anyway. Hashing every word cost more than the compare.
 */
export function hashBytes(words: Int32Array, start: number, length: number): number {
  const first = wordAt(words, start);
  let h: number;
  if (length >= 4) h = Math.imul(first ^ length, 0x9e3779b1) ^ wordAt(words, start + length - 4);
  else h = Math.imul((first & ((1 << (8 * length)) - 1)) ^ length, 0x9e3779b1);
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 15);
}

/** hashBytes of the ASCII `s` (as its bytes would hash). */
export function hashAscii(s: string): number {
  const packed: number[] = [];
  pushPacked(packed, s);
  const words = Int32Array.from([...packed, 0]);
  return hashBytes(words, 0, s.length);
}
