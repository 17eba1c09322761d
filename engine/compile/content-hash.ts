/**
 * A 64-bit hash of a text (16 hex digits): two 32-bit multiply-xorshift lanes over its UTF-16
 * code units, each mixed into the other at the end. The rule artifact's `contentHash` uses it to
 * notice an artifact edited or damaged after synth. It is no defence against someone who means
 * harm (they could rewrite any hash stored beside the rules, sha256 too), so it need not be
 * cryptographic; and a cold start that hashed with node:crypto would load that module just for
 * this (the costliest built-in an engine start touches).
 */
export function contentHash(text: string): string {
  let h1 = 0x9e3779b1;
  let h2 = 0x85ebca77;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x85ebca6b);
    h2 = Math.imul(h2 ^ c, 0xc2b2ae35);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x27d4eb2f);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 0x165667b1);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x27d4eb2f);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 0x165667b1);
  return hex32(h2) + hex32(h1);
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}
