/**
 * event-ruler only compares a number numerically when `BigDecimal.valueOf(double)` (that is, Java's
 * `Double.toString`) gives back exactly the decimal written in the JSON. On the Java 17 the oracle and
 * EventBridge-era JVMs run, `Double.toString` is the old FloatingDecimal algorithm, which sometimes
 * prints more digits than the shortest round-trip form (e.g. 5e-324 prints as 4.9E-324), so such a
 * number is "not comparable" and only ever matches by its literal text. This module re-derives that
 * algorithm's digits so we can tell which numbers event-ruler treats numerically.
 */

const EXP_SHIFT = 52;
const FRACT_HOB = 1n << 52n;
const SIGNIF_MASK = (1n << 52n) - 1n;
const MAX_SMALL_BIN_EXP = 62;
const MIN_SMALL_BIN_EXP = -21;
const LONG_5_POW_LENGTH = 27;
// Bits needed for 5^i, rounded up, as the old algorithm estimates them.
const N_5_BITS = [
  0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61,
];
// insignificantDigitsForPow2(p) == number of decimal digits of 2^p that carry no information.
const INSIGNIFICANT_DIGITS = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10,
  10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18,
  18, 19,
];

/** A positive decimal: digits (no leading or trailing zeros) times 10^(exponent - digits.length). */
interface Decimal {
  digits: string;
  exponent: number;
}

function normalise(digits: string, exponent: number): Decimal {
  let start = 0;
  while (start < digits.length - 1 && digits[start] === "0") {
    start++;
    exponent--;
  }
  let end = digits.length;
  while (end > start + 1 && digits[end - 1] === "0") end--;
  return { digits: digits.slice(start, end), exponent };
}

function trailingZeros(v: bigint): number {
  let n = 0;
  while (n < 64 && ((v >> BigInt(n)) & 1n) === 0n) n++;
  return n;
}

function estimateDecExp(fractBits: bigint, binExp: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, 0x3ff0000000000000n | (fractBits & SIGNIF_MASK));
  const d2 = view.getFloat64(0);
  const d = (d2 - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return Math.floor(d);
}

function developLongDigits(lvalue: bigint, insignificant: number): Decimal {
  let value = lvalue;
  let shift = 0;
  if (insignificant !== 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = value % pow10;
    value /= pow10;
    shift = insignificant;
    if (residue >= pow10 >> 1n) value++;
  }
  const text = value.toString();
  return normalise(text, text.length + shift);
}

type Width = 32 | 64 | 0;

/** Java's fixed-width arithmetic where the old algorithm uses int or long; 0 means unbounded. */
function wrap(width: Width, v: bigint): bigint {
  return width === 0 ? v : BigInt.asIntN(width, v);
}

function roundUp(digits: number[], exponent: number): Decimal {
  let i = digits.length - 1;
  while (i > 0 && digits[i] === 9) {
    digits[i] = 0;
    i--;
  }
  if (digits[i] === 9) {
    digits[0] = 1;
    return normalise(digits.join(""), exponent + 1);
  }
  digits[i] = (digits[i] ?? 0) + 1;
  return normalise(digits.join(""), exponent);
}

function hardDtoa(binExp: number, fractBitsIn: bigint, nSignificantBits: number, tailZeros: number): Decimal {
  const nFractBits = EXP_SHIFT + 1 - tailZeros;
  const nTinyBits = Math.max(0, nFractBits - binExp - 1);
  let decExp = estimateDecExp(fractBitsIn, binExp);
  const B5 = Math.max(0, -decExp);
  let B2 = B5 + nTinyBits + binExp;
  const S5 = Math.max(0, decExp);
  let S2 = S5 + nTinyBits;
  const M5 = B5;
  let M2 = B2 - nSignificantBits;
  const fractBits = fractBitsIn >> BigInt(tailZeros);
  B2 -= nFractBits - 1;
  const common2 = Math.min(B2, S2);
  B2 -= common2;
  S2 -= common2;
  M2 -= common2;
  if (nFractBits === 1) M2 -= 1;
  if (M2 < 0) {
    B2 -= M2;
    S2 -= M2;
    M2 = 0;
  }
  const bBits = nFractBits + B2 + (B5 < N_5_BITS.length ? (N_5_BITS[B5] ?? 0) : B5 * 3);
  const tenSBits = S2 + 1 + (S5 + 1 < N_5_BITS.length ? (N_5_BITS[S5 + 1] ?? 0) : (S5 + 1) * 3);
  const width: Width = bBits < 64 && tenSBits < 64 ? (bBits < 32 && tenSBits < 32 ? 32 : 64) : 0;
  const big = width === 0;

  let b = wrap(width, wrap(width, fractBits * 5n ** BigInt(B5)) << BigInt(B2));
  const s = wrap(width, (5n ** BigInt(S5)) << BigInt(S2));
  let m = wrap(width, (5n ** BigInt(M5)) << BigInt(M2));
  const tens = wrap(width, s * 10n);
  const digits: number[] = [];

  // The big-number variant compares with >= where the int/long variants use >.
  const isHigh = (): boolean => (big ? b + m >= tens : wrap(width, b + m) > tens);
  let q = b / s;
  b = wrap(width, 10n * (b % s));
  m = wrap(width, m * 10n);
  let low = b < m;
  let high = isHigh();
  if (q === 0n && !high) decExp--;
  else digits.push(Number(q));
  if (decExp < -3 || decExp >= 8) {
    low = false;
    high = false;
  }
  while (!low && !high) {
    q = b / s;
    b = wrap(width, 10n * (b % s));
    m = wrap(width, m * 10n);
    if (big || m > 0n) {
      low = b < m;
      high = isHigh();
    } else {
      low = true;
      high = true;
    }
    digits.push(Number(q));
  }
  let lowDigitDifference: bigint;
  if (big) lowDigitDifference = high && low ? (b << 1n) - tens : 0n;
  else lowDigitDifference = wrap(width, wrap(width, b << 1n) - tens);
  const exponent = decExp + 1;
  if (high) {
    const last = digits[digits.length - 1] ?? 0;
    if (!low || lowDigitDifference > 0n || (lowDigitDifference === 0n && last % 2 === 1)) {
      return roundUp(digits, exponent);
    }
  }
  return normalise(digits.join(""), exponent);
}

/** The decimal Java 17's `Double.toString(|d|)` denotes, for finite non-zero d. */
export function javaDoubleDecimal(d: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(d));
  const bits = view.getBigUint64(0);
  let fractBits = bits & SIGNIF_MASK;
  let binExp = Number(bits >> 52n);
  let nSignificantBits: number;
  if (binExp === 0) {
    let leadingZeros = 0;
    while (((fractBits >> BigInt(63 - leadingZeros)) & 1n) === 0n) leadingZeros++;
    const shift = leadingZeros - (63 - EXP_SHIFT);
    fractBits <<= BigInt(shift);
    binExp = 1 - shift;
    nSignificantBits = 64 - leadingZeros;
  } else {
    fractBits |= FRACT_HOB;
    nSignificantBits = EXP_SHIFT + 1;
  }
  binExp -= 1023;
  const tailZeros = trailingZeros(fractBits);
  const nFractBits = EXP_SHIFT + 1 - tailZeros;
  const nTinyBits = Math.max(0, nFractBits - binExp - 1);
  if (
    binExp <= MAX_SMALL_BIN_EXP &&
    binExp >= MIN_SMALL_BIN_EXP &&
    nTinyBits < LONG_5_POW_LENGTH &&
    nFractBits + (N_5_BITS[nTinyBits] ?? 64) < 64 &&
    nTinyBits === 0
  ) {
    // Integers below 2^63 take a shortcut that rounds away "insignificant" low digits.
    const p2 = binExp - nSignificantBits - 1;
    const insignificant = binExp > nSignificantBits && p2 > 1 ? (INSIGNIFICANT_DIGITS[p2] ?? 0) : 0;
    const lvalue =
      binExp >= EXP_SHIFT ? fractBits << BigInt(binExp - EXP_SHIFT) : fractBits >> BigInt(EXP_SHIFT - binExp);
    return developLongDigits(lvalue, insignificant);
  }
  return hardDtoa(binExp, fractBits, nSignificantBits, tailZeros);
}

/** The decimal ECMAScript's shortest round-trip form denotes, for finite non-zero d. */
function shortestDecimal(d: number): Decimal {
  const [mantissa = "0", exp = "0"] = Math.abs(d).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  return normalise(digits, Number(exp) + 1);
}

/**
 * Whether event-ruler's ComparableNumber accepts the JSON text JavaScript writes for `d`, i.e. whether
 * the number takes part in numeric (rather than only literal) matching.
 */
export function isComparableNumber(d: number): boolean {
  if (!Number.isFinite(d)) return false;
  if (d === 0) return true;
  // Integers below 2^52 take Java's exact long-digits path, which prints every digit: no rounding.
  if (Number.isInteger(d) && Math.abs(d) < 2 ** 52) return true;
  const java = javaDoubleDecimal(d);
  const shortest = shortestDecimal(d);
  return java.digits === shortest.digits && java.exponent === shortest.exponent;
}
