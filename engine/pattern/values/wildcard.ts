import { javaUtf8View } from "../text/java-text.js";

/**
 * Wildcard patterns: '*' matches any run of characters, "\*" and "\\" are a literal '*' and '\'.
 * event-ruler parses the value with its surrounding quotes, so error positions are byte offsets in
 * `"text"` (the opening quote is byte 0), and a trailing lone backslash is an error because it
 * "escapes" the closing quote.
 */
export type WildcardGlob = readonly string[];

/** The literal segments between wildcards (`"a*b"` → `["\"a", "b\""]`), or event-ruler's error. */
export function parseWildcard(text: string): { glob: WildcardGlob } | { error: string } {
  const quoted = javaUtf8View(`"${text}"`);
  const segments: string[] = [];
  let current = "";
  let bytePos = 0;
  for (let i = 0; i < quoted.length; i++) {
    const ch = quoted[i] ?? "";
    if (ch === "*") {
      if (quoted[i + 1] === "*") return { error: `Consecutive wildcard characters at pos ${bytePos}` };
      segments.push(current);
      current = "";
      bytePos += 1;
    } else if (ch === "\\") {
      const next = quoted[i + 1];
      if (next !== "*" && next !== "\\") return { error: `Invalid escape character at pos ${bytePos}` };
      current += next;
      i++;
      bytePos += 2;
    } else {
      const cp = quoted.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(cp);
      current += char;
      i += char.length - 1;
      bytePos += Buffer.byteLength(char, "utf8");
    }
  }
  segments.push(current);
  return { glob: segments };
}

/** Whether `value` (a Java UTF-8 view) matches the glob as a whole. */
export function matchWildcard(value: string, glob: WildcardGlob): boolean {
  const first = glob[0] ?? "";
  if (glob.length === 1) return value === first;
  const last = glob[glob.length - 1] ?? "";
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  // Greedy leftmost placement of the middle segments is optimal for '*'-only globs.
  let pos = first.length;
  const end = value.length - last.length;
  for (let k = 1; k < glob.length - 1; k++) {
    const segment = glob[k] ?? "";
    const at = value.indexOf(segment, pos);
    if (at < 0 || at + segment.length > end) return false;
    pos = at + segment.length;
  }
  return true;
}
