import type { PatternIndex } from "../../../../engine/pattern/index.js";

/** `text` with every non-ASCII unit written as a \u escape: the same JSON, all ASCII. */
export function asciiJson(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `index.matchBytes` on the UTF-8 bytes of `text` placed inside a larger buffer (bytes before and
 * after it, none of them a line end, so a reader running past `end` would see JSON-like noise).
 * `after` bytes of noise follow. The buffer must be as it was afterwards.
 */
export function matchBytesOf<K>(
  index: PatternIndex<K>,
  text: string,
  before = 3,
  after = 10,
): K[] | undefined {
  const encoded = new TextEncoder().encode(text);
  const buffer = new Uint8Array(before + encoded.length + after);
  buffer.fill(0x7b, 0, before); // '{'
  buffer.set(encoded, before);
  for (let i = 0; i < after; i++) buffer[before + encoded.length + i] = NOISE[i % NOISE.length] as number;
  const was = buffer.slice();
  const keys = index.matchBytes(buffer, before, before + encoded.length);
  if (!buffer.every((b, i) => b === was[i])) throw new Error("matchBytes left the buffer changed");
  return keys;
}

/** `,"}]1`: what a reader running past the end would take for more JSON. */
const NOISE = [0x2c, 0x22, 0x7d, 0x5d, 0x31];

/**
 * What a caller of matchBytes gets for `text`: matchBytes' answer, or when it declines, matchText
 * of the text (which throws JSON.parse's SyntaxError when the text is not JSON).
 */
export function matchViaBytes<K>(index: PatternIndex<K>, text: string): K[] {
  return matchBytesOf(index, text) ?? index.matchText(text);
}
