import type { DigitRange } from "./digit-range.js";
import { javaParseInt, javaSplit } from "./java-text.js";

/**
 * IP addresses as event-ruler reads them: a string is tried as an address only if it looks like one
 * (these two expressions), and is then parsed by Java's InetAddress literal rules. Addresses become
 * upper-case hex digit strings (8 for IPv4, 32 for IPv6) that CIDR ranges are matched against.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function parseIpv4(s: string): number[] | null {
  // Java accepts decimal octets with leading zeros, within 15 characters overall.
  if (s.length > 15) return null;
  const octets = s.split(".").map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function parseIpv6(s: string): number[] | null {
  if (s.length < 2) return null;
  const out = new Array<number>(16).fill(0);
  let i = 0;
  let j = 0;
  let gap = -1;
  if (s[0] === ":" && s[1] !== ":") return null;
  if (s[0] === ":") i = 1;
  let sawDigit = false;
  let value = 0;
  while (i < s.length) {
    const ch = s[i++] ?? "";
    if (ch !== ":") {
      value = (value << 4) | Number.parseInt(ch, 16);
      if (value > 0xffff) return null;
      sawDigit = true;
      continue;
    }
    if (!sawDigit) {
      if (gap !== -1) return null;
      gap = j;
      continue;
    }
    if (i === s.length || j + 2 > 16) return null;
    out[j++] = value >> 8;
    out[j++] = value & 0xff;
    sawDigit = false;
    value = 0;
  }
  if (sawDigit) {
    if (j + 2 > 16) return null;
    out[j++] = value >> 8;
    out[j++] = value & 0xff;
  }
  if (gap !== -1) {
    if (j === 16) return null;
    const n = j - gap;
    for (let k = 1; k <= n; k++) {
      out[16 - k] = out[gap + n - k] ?? 0;
      out[gap + n - k] = 0;
    }
    j = 16;
  }
  if (j !== 16) return null;
  // Java hands back IPv4-mapped addresses (::ffff:a.b.c.d) as plain IPv4.
  const mapped = out.slice(0, 10).every((b) => b === 0) && out[10] === 0xff && out[11] === 0xff;
  return mapped ? out.slice(12) : out;
}

type IpParse = { bytes: number[] } | { error: "nonstandard" | "invalid" };

function parseIp(s: string): IpParse {
  if (IPV4_SHAPE.test(s)) {
    const bytes = parseIpv4(s);
    return bytes ? { bytes } : { error: "invalid" };
  }
  if (IPV6_SHAPE.test(s)) {
    const bytes = parseIpv6(s);
    return bytes ? { bytes } : { error: "invalid" };
  }
  return { error: "nonstandard" };
}

function toHex(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join("");
}

/** The hex digits of the address `s` denotes, or null when event-ruler would not treat it as one. */
export function ipHexDigits(s: string): string | null {
  const parsed = parseIp(s);
  return "bytes" in parsed ? toHex(parsed.bytes) : null;
}

/** A plain pattern string that is an IP address matches that address (in any spelling), not the text. */
export function ipEqualityRange(s: string): DigitRange | null {
  const digits = ipHexDigits(s);
  if (digits === null) return null;
  const last = digits.length - 1;
  const lastDigit = digits[last] ?? "0";
  const head = digits.slice(0, last);
  if (lastDigit === "F") return { bottom: `${head}E`, openBottom: true, top: digits, openTop: false };
  const next = lastDigit === "9" ? "A" : String.fromCharCode(lastDigit.charCodeAt(0) + 1);
  return { bottom: digits, openBottom: false, top: `${head}${next}`, openTop: true };
}

/** `{"cidr": s}`: the covered addresses, or event-ruler's reason for rejecting `s`. */
export function cidrRange(s: string): { range: DigitRange } | { error: string } {
  const parts = javaSplit(s, "/");
  if (parts.length !== 2) return { error: "Malformed CIDR, one '/' required" };
  const [ip = "", bitsText = ""] = parts;
  const maskBits = javaParseInt(bitsText);
  if (maskBits === null) return { error: "Malformed CIDR, mask bits must be an integer" };
  if (maskBits < 0) return { error: "Malformed CIDR, mask bits must not be negative" };
  const parsed = parseIp(ip);
  if ("error" in parsed) {
    return { error: `${parsed.error === "invalid" ? "Invalid" : "Nonstandard"} IP address: ${ip}` };
  }
  const { bytes } = parsed;
  if (bytes.length === 4 && maskBits > 31) return { error: "IPv4 mask bits must be < 32" };
  if (bytes.length === 16 && maskBits > 127) return { error: "IPv6 mask bits must be < 128" };
  let variable = bytes.length * 8 - maskBits;
  const low = [...bytes];
  const high = [...bytes];
  for (let i = bytes.length - 1; i >= 0 && variable > 0; i--, variable -= 8) {
    const mask = variable >= 8 ? 0xff : (1 << variable) - 1;
    low[i] = (bytes[i] ?? 0) & ~mask & 0xff;
    high[i] = (bytes[i] ?? 0) | mask;
  }
  return { range: { bottom: toHex(low), openBottom: false, top: toHex(high), openTop: false } };
}
