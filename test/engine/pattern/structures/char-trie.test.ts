import { describe, expect, it } from "vitest";
import { CharTrie, quotedPrefixRangesAt } from "../../../../engine/pattern/structures/char-trie.js";
import { IntBuffer } from "../../../../engine/pattern/structures/int-buffer.js";

/** Keys as prefix/suffix operands are stored: quoted on the side they are anchored to. */
function brute(keys: readonly string[], value: string, reversed: boolean): number[] {
  const quoted = `"${value}"`;
  const out: number[] = [];
  keys.forEach((key, i) => {
    if (reversed ? quoted.endsWith(key) : quoted.startsWith(key)) out.push(i);
  });
  return out;
}

function found(keys: readonly string[], value: string, reversed: boolean): number[] {
  const trie = new CharTrie<number>();
  keys.forEach((key, i) => {
    trie.add(key, i, reversed);
  });
  const out: number[] = [];
  trie.quotedPrefixesOf(value, reversed, out);
  return out.sort((a, b) => a - b);
}

const PREFIXES = ['"', '"a', '"ab', '"abc"', '"abd', '"b', '"ab"c', '"x"', '"', '"abcdef'];
const SUFFIXES = ['"', 'c"', 'bc"', '"abc"', 'bd"', 'b"', 'a"c"', '"x"', '"', 'abcdef"'];
const VALUES = ["", "a", "ab", "abc", "abd", "abcdef", 'ab"c', "b", "x", "bc", "zabc", 'a"c', "\u00e9abc"];

describe("CharTrie.quotedPrefixesOf", () => {
  // Sizes from a single key (one edge under the root) to nodes with several children.
  for (const size of [1, 2, 4, 5, 7, PREFIXES.length]) {
    it(`finds every prefix key of the quoted value (${size} keys)`, () => {
      const keys = PREFIXES.slice(0, size);
      for (const value of VALUES) expect(found(keys, value, false), value).toEqual(brute(keys, value, false));
    });
    it(`finds every suffix key of the quoted value (${size} keys)`, () => {
      const keys = SUFFIXES.slice(0, size);
      for (const value of VALUES) expect(found(keys, value, true), value).toEqual(brute(keys, value, true));
    });
  }

  it("finds keys under nodes with many children (searched, not read in turn)", () => {
    // 40 keys that part after '"a': the node there has 40 children, more than are read in turn.
    const keys = Array.from({ length: 40 }, (_, i) => `"a${String.fromCharCode(0x30 + i)}x`);
    keys.push('"a', '"');
    for (const value of ["a0x", "a9xyz", "aWx", "aWy", "a", "", "a\u0058", "b", "aXx"]) {
      expect(found(keys, value, false), value).toEqual(brute(keys, value, false));
    }
    for (const [i, key] of keys.entries()) expect(found(keys, `${key.slice(1)}tail`, false)).toContain(i);
  });

  it("answers keys added after a lookup", () => {
    const trie = new CharTrie<number>();
    trie.add('"ab', 0);
    const out: number[] = [];
    trie.quotedPrefixesOf("abc", false, out);
    trie.add('"a', 1);
    trie.quotedPrefixesOf("abc", false, out);
    expect(out).toEqual([0, 1, 0]);
  });

  it("agrees with a brute force on random keys and values", () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const word = (): string => Array.from({ length: next(5) }, () => 'ab"c'[next(4)]).join("");
    for (let round = 0; round < 300; round++) {
      const reversed = next(2) === 1;
      const keys = Array.from({ length: 1 + next(9) }, () => (reversed ? `${word()}"` : `"${word()}`));
      for (let v = 0; v < 10; v++) {
        const value = word();
        expect(found(keys, value, reversed)).toEqual(brute(keys, value, reversed));
      }
    }
  });
});

describe("quotedPrefixRangesAt (an ASCII value read in its bytes)", () => {
  /** The keys found for `value` placed at `before` in a buffer of other bytes. */
  function foundAt(keys: readonly string[], value: string, reversed: boolean, before: number): number[] {
    const trie = new CharTrie<number>();
    keys.forEach((key, i) => {
      trie.add(key, i, reversed);
    });
    const { cells, items } = trie.sealed();
    const bytes = new Uint8Array(before + value.length + 3).fill(0x22); // quotes all around
    for (let k = 0; k < value.length; k++) bytes[before + k] = value.charCodeAt(k);
    const ranges = new IntBuffer();
    quotedPrefixRangesAt(cells, 0, bytes, before, value.length, reversed, ranges);
    const out: number[] = [];
    for (let r = 0; r < ranges.n; r += 2)
      for (let k = 0; k < (ranges.items[r + 1] as number); k++)
        out.push(items[(ranges.items[r] as number) + k] as number);
    return out.sort((a, b) => a - b);
  }

  it("agrees with a brute force on random keys and values, anywhere in the bytes", () => {
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const word = (): string => Array.from({ length: next(7) }, () => 'ab"c'[next(4)]).join("");
    for (let round = 0; round < 300; round++) {
      const reversed = next(2) === 1;
      const keys = Array.from({ length: 1 + next(9) }, () => (reversed ? `${word()}"` : `"${word()}`));
      for (let v = 0; v < 10; v++) {
        const value = word();
        expect(foundAt(keys, value, reversed, next(5)), `${keys} ${value}`).toEqual(
          brute(keys, value, reversed),
        );
      }
    }
    for (const value of VALUES.filter((v) => [...v].every((c) => c.charCodeAt(0) < 0x80))) {
      expect(foundAt(PREFIXES, value, false, 2)).toEqual(brute(PREFIXES, value, false));
      expect(foundAt(SUFFIXES, value, true, 2)).toEqual(brute(SUFFIXES, value, true));
    }
  });
});
