import { type DigitRange, matchDigitRange } from "../text/digit-range.js";
import {
  type CaseUnits,
  endsWithCaseUnits,
  matchesCaseUnits,
  startsWithCaseUnits,
} from "../text/ignore-case.js";
import type { EventValue } from "./event-value.js";
import { matchWildcard, type WildcardGlob } from "./wildcard.js";

/**
 * One compiled matcher from a field's value list. Text operands keep event-ruler's quoting: a
 * prefix starts with the opening quote, a suffix ends with the closing quote, whole-value operands
 * carry both, so string operators can only ever match strings.
 */
export type ValuePattern =
  | { type: "exact"; value: string }
  | { type: "numeric-equals"; value: number }
  | { type: "numeric-range"; low: number; lowOpen: boolean; high: number; highOpen: boolean }
  | { type: "cidr"; range: DigitRange }
  | { type: "prefix"; value: string }
  | { type: "suffix"; value: string }
  | { type: "equals-ignore-case"; units: CaseUnits; text: string }
  | { type: "prefix-ignore-case"; units: CaseUnits; text: string }
  | { type: "suffix-ignore-case"; units: CaseUnits; text: string }
  | { type: "wildcard"; glob: WildcardGlob }
  | { type: "exists" }
  | { type: "anything-but"; strings: ReadonlySet<string>; numbers: readonly number[] }
  | { type: "anything-but-ignore-case"; values: readonly CaseUnits[]; texts: readonly string[] }
  | { type: "anything-but-prefix"; values: readonly string[] }
  | { type: "anything-but-suffix"; values: readonly string[] }
  | { type: "anything-but-wildcard"; values: readonly WildcardGlob[] };

export type AnythingButSet = Extract<
  ValuePattern,
  {
    type:
      | "anything-but-ignore-case"
      | "anything-but-prefix"
      | "anything-but-suffix"
      | "anything-but-wildcard";
  }
>;

function numericIn(p: Extract<ValuePattern, { type: "numeric-range" }>, n: number): boolean {
  const aboveLow = p.lowOpen ? n > p.low : n >= p.low;
  const belowHigh = p.highOpen ? n < p.high : n <= p.high;
  return aboveLow && belowHigh;
}

/** An anything-but fails only on values it names; one that names nothing never matches at all. */
function anythingBut(values: readonly unknown[], named: (index: number) => boolean): boolean {
  if (values.length === 0) return false;
  for (let i = 0; i < values.length; i++) if (named(i)) return false;
  return true;
}

/** How the field's (possibly shared) value matcher reads values; see machine-model.ts. */
export interface MatcherMode {
  /** The matcher holds a numeric pattern: comparable numbers are then read only as numbers. */
  hasNumeric: boolean;
  /** The matcher holds an IP pattern: strings that are addresses are also read as hex digits. */
  hasIp: boolean;
}

/** Whether `value` satisfies `pattern` when read by a matcher in `mode`. */
export function matchValuePattern(pattern: ValuePattern, value: EventValue, mode: MatcherMode): boolean {
  const numeric = mode.hasNumeric && value.comparable;
  switch (pattern.type) {
    case "exact":
      // Read as an address, the hex digits can equal a numeric literal's spelling.
      return (!numeric && value.exact === pattern.value) || (mode.hasIp && value.ipDigits === pattern.value);
    case "numeric-equals":
      return numeric && value.number === pattern.value;
    case "numeric-range":
      return numeric && numericIn(pattern, value.number);
    case "cidr": {
      const digits = value.ipDigits;
      if (digits !== null && matchDigitRange(digits, pattern.range)) return true;
      // Values not read as numbers also run through the range's digit automaton as they are.
      return !numeric && matchDigitRange(value.bytes, pattern.range);
    }
    case "prefix":
      return value.bytes.startsWith(pattern.value);
    case "suffix":
      return value.bytes.endsWith(pattern.value);
    case "equals-ignore-case":
      return matchesCaseUnits(value.bytes, pattern.units);
    case "prefix-ignore-case":
      return startsWithCaseUnits(value.bytes, pattern.units);
    case "suffix-ignore-case":
      return endsWithCaseUnits(value.bytes, pattern.units);
    case "wildcard":
      return matchWildcard(value.bytes, pattern.glob);
    case "exists":
      return true;
    case "anything-but": {
      if (pattern.strings.size === 0 && pattern.numbers.length === 0) return false;
      if (value.kind === "string") return !pattern.strings.has(value.bytes);
      return !(numeric && pattern.numbers.includes(value.number));
    }
    case "anything-but-ignore-case":
      return anythingBut(pattern.values, (i) => matchesCaseUnits(value.bytes, pattern.values[i] ?? []));
    case "anything-but-prefix":
      return anythingBut(pattern.values, (i) => value.bytes.startsWith(pattern.values[i] ?? ""));
    case "anything-but-suffix":
      return anythingBut(pattern.values, (i) => value.bytes.endsWith(pattern.values[i] ?? ""));
    case "anything-but-wildcard":
      return anythingBut(pattern.values, (i) => matchWildcard(value.bytes, pattern.values[i] ?? []));
  }
}
