import { javaUtf8View } from "./java-text.js";

/**
 * equals-ignore-case as event-ruler implements it: every UTF-16 unit of the pattern may be matched by
 * its own lower-case or upper-case form (Java's Locale.ROOT mappings of that single unit), and by
 * nothing else. So "ß" matches "ß" and "SS" but not "ss", title-case letters do not match themselves,
 * and a surrogate half (emoji, Deseret) can only be matched by '?', which is what Java encodes it as.
 */
export type CaseUnits = readonly (readonly string[])[];

export function caseUnits(text: string): CaseUnits {
  const units: string[][] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text[i] ?? "";
    const code = unit.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      units.push(["?"]);
      continue;
    }
    const lower = javaUtf8View(unit.toLowerCase());
    const upper = javaUtf8View(unit.toUpperCase());
    units.push(lower === upper ? [lower] : [lower, upper]);
  }
  return units;
}

/** Positions in `value` reachable by matching all units from `start`, forwards. */
function forward(value: string, units: CaseUnits, start: number): Set<number> {
  let positions = new Set([start]);
  for (const alternatives of units) {
    const next = new Set<number>();
    for (const p of positions) {
      for (const alt of alternatives) if (value.startsWith(alt, p)) next.add(p + alt.length);
    }
    if (next.size === 0) return next;
    positions = next;
  }
  return positions;
}

/** `value` (already in its Java UTF-8 view) is exactly a sequence of the units. */
export function matchesCaseUnits(value: string, units: CaseUnits): boolean {
  return forward(value, units, 0).has(value.length);
}

export function startsWithCaseUnits(value: string, units: CaseUnits): boolean {
  return forward(value, units, 0).size > 0;
}

export function endsWithCaseUnits(value: string, units: CaseUnits): boolean {
  let positions = new Set([value.length]);
  for (let u = units.length - 1; u >= 0; u--) {
    const next = new Set<number>();
    for (const p of positions) {
      const alternatives = units[u] ?? [];
      for (const alt of alternatives) {
        const from = p - alt.length;
        if (from >= 0 && value.startsWith(alt, from)) next.add(from);
      }
    }
    if (next.size === 0) return false;
    positions = next;
  }
  return true;
}
