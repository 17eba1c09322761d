import { isUtf8 } from "node:buffer";
import { readFile } from "node:fs/promises";
import type { Problem } from "../problem.js";

/**
 * Reads a rule, fixture or settings file as UTF-8. Invalid UTF-8 is a YAML_SYNTAX problem at its
 * line and column (YAML streams are Unicode), not U+FFFD silently standing in for the bytes; a
 * UTF-8 byte order mark is dropped, as YAML allows. A file that cannot be read is an IO_ERROR.
 * `shown` is the file name problems carry.
 */
export async function readSourceText(
  path: string,
  shown: string = path,
): Promise<{ text: string } | { problem: Problem }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === "ENOENT" ? "no such file" : `cannot read: ${(err as Error).message}`;
    return { problem: { code: "IO_ERROR", severity: "error", file: shown, line: 1, col: 1, message } };
  }
  return decodeSourceText(shown, bytes);
}

/** `readSourceText` for bytes already in hand. */
export function decodeSourceText(file: string, bytes: Uint8Array): { text: string } | { problem: Problem } {
  if (isUtf8(bytes)) return { text: new TextDecoder("utf-8").decode(bytes) };
  const at = firstInvalidUtf8(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // Columns count UTF-16 units, as every other position does (the YAML parser's offsets).
  const col = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, at)).length + 1;
  const byte = bytes[at]?.toString(16).padStart(2, "0") ?? "";
  const message = `not valid UTF-8 (byte 0x${byte} at offset ${at}); save the file as UTF-8`;
  return { problem: { code: "YAML_SYNTAX", severity: "error", file, line, col, message } };
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629); -1 if none. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    const c1 = b[i + 1]!;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return i;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}
