/**
 * Small pieces of Java string behaviour that event-ruler's results depend on. Each is reproduced
 * because a pattern or event can observe it (see the call sites).
 */

/** `s.split(Pattern.quote(sep))` in Java: like JS split, but trailing empty strings are dropped. */
export function javaSplit(s: string, sep: string): string[] {
  if (!s.includes(sep)) return [s];
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Every UTF-16 unit is ASCII (where simple lower-casing equals event-ruler's case folding). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The string whose UTF-8 encoding equals Java's `s.getBytes(UTF_8)`: Java writes '?' for a lone
 * surrogate, so byte-level comparisons in event-ruler see "\uD800" and "?" as the same.
 */
export function javaUtf8View(s: string): string {
  let out: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isHighSurrogate(code) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      if (out !== null) out += s.slice(i, i + 2);
      i++;
      continue;
    }
    const lone = isHighSurrogate(code) || isLowSurrogate(code);
    if (lone && out === null) out = s.slice(0, i);
    if (out !== null) out += lone ? "?" : s[i];
  }
  return out ?? s;
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Character.digit(c, 10) for one UTF-16 unit: any BMP Unicode decimal digit counts, as in Java. */
function decimalDigitValue(code: number): number {
  if (!DECIMAL_DIGIT.test(String.fromCharCode(code))) return -1;
  // Unicode decimal digits come in runs of ten starting at zero.
  let steps = 0;
  while (steps < 10 && DECIMAL_DIGIT.test(String.fromCharCode(code - steps - 1))) steps++;
  return steps % 10;
}

/** Java's `Integer.parseInt(s)`: null where Java throws NumberFormatException. */
export function javaParseInt(s: string): number | null {
  let i = 0;
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    negative = s[0] === "-";
    i = 1;
  }
  if (i >= s.length) return null;
  let value = 0;
  for (; i < s.length; i++) {
    const digit = decimalDigitValue(s.charCodeAt(i));
    if (digit < 0) return null;
    value = value * 10 + digit;
    if (value > 2 ** 31) return null;
  }
  // Java ints have no negative zero.
  const result = negative ? -value || 0 : value;
  if (result > 2 ** 31 - 1 || result < -(2 ** 31)) return null;
  return result;
}
