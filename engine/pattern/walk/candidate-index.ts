import { isAscii } from "../text/java-text.js";
import type { EventValue } from "../values/event-value.js";
import type { AlternativeField } from "./alternative.js";
import type { PatternProgram } from "./compiled-pattern.js";
import type { FlatEvent } from "./flat-event.js";

/**
 * The exact route for many branches: every branch is filed under one selective condition it cannot
 * match without — an exact value or a string prefix at some field path — chosen to keep buckets
 * small; branches with no such condition are always checked. The flattened event's leaf values look
 * up candidate branches, and only candidates are walked (matchAlternative). PatternIndex sends here
 * the branches its automaton cannot decide alone, and whole events it cannot read on its fast route.
 */
export interface BranchEntry {
  /** Which pattern (PatternIndex key) the branch belongs to. */
  keyIndex: number;
  program: PatternProgram;
  alternative: number;
}

type Entry = BranchEntry;

type Bucket = number[];

interface PrefixTable {
  /** Distinct prefix lengths present, so a value probes one slice per length. */
  lengths: Set<number>;
  byPrefix: Map<string, Bucket>;
}

function append(buckets: Map<string, Bucket>, key: string, id: number): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.push(id);
  else buckets.set(key, [id]);
}

/** Lookup key of an event value for exact conditions (numbers compare numerically when they can). */
function valueKey(value: EventValue): string {
  if (value.kind === "number") return value.comparable ? `n:${String(value.number)}` : `t:${value.text}`;
  return value.kind === "string" ? `s:${value.exact}` : `l:${value.text}`;
}

/** Lookup key for an ASCII string under ASCII-only equals-ignore-case (whose forms are ASCII too). */
function caselessKey(quoted: string): string {
  return `i:${quoted.toLowerCase()}`;
}

/** Lookup keys a field's exact-like conditions answer to, or null when the field is not indexable. */
function exactKeys(
  field: AlternativeField,
  program: PatternProgram,
): { exact: string[]; prefixes: string[] } | null {
  const { hasIp } = program;
  if (field.absent || field.patterns.length === 0) return null;
  const numeric = new Set<number>();
  for (const p of field.patterns) if (p.type === "numeric-equals") numeric.add(p.value);
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const p of field.patterns) {
    if (p.type === "numeric-equals") exact.push(`n:${String(p.value)}`);
    else if (p.type === "prefix") prefixes.push(p.value);
    else if (p.type === "equals-ignore-case" && isAscii(p.text)) exact.push(caselessKey(p.text));
    else if (p.type !== "exact") return null;
    else if (p.value.startsWith('"')) exact.push(`s:${p.value}`);
    else if (p.value === "true" || p.value === "false" || p.value === "null") exact.push(`l:${p.value}`);
    // With IP patterns about, a numeric literal can also match an address's hex digits.
    else if (hasIp) return null;
    else if (!numeric.has(Number(p.value))) exact.push(`t:${p.value}`);
  }
  return { exact, prefixes };
}

export class CandidateIndex {
  private readonly entries: Entry[] = [];
  private readonly exact = new Map<string, Map<string, Bucket>>();
  private readonly prefix = new Map<string, PrefixTable>();
  private readonly unindexed: number[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** Entries not filed yet: filing waits for the first event that needs this index (often none). */
  private filed = 0;

  add(entry: BranchEntry): void {
    this.entries.push(entry);
  }

  private fileAdded(): void {
    for (; this.filed < this.entries.length; this.filed++) {
      const entry = this.entries[this.filed] as Entry;
      const alt = entry.program.alternatives[entry.alternative];
      this.file(this.filed, alt?.fields ?? [], entry.program);
    }
  }

  private bucketCost(path: string, keys: { exact: string[]; prefixes: string[] }): number {
    let cost = 0;
    for (const k of keys.exact) cost += (this.exact.get(path)?.get(k)?.length ?? 0) + 1;
    // Prefix probes cost a lookup per distinct length, so prefer exact conditions on ties.
    for (const k of keys.prefixes) cost += (this.prefix.get(path)?.byPrefix.get(k)?.length ?? 0) + 2;
    return cost;
  }

  private file(id: number, fields: readonly AlternativeField[], program: PatternProgram): void {
    let best: { path: string; keys: { exact: string[]; prefixes: string[] }; cost: number } | null = null;
    for (const field of fields) {
      const keys = exactKeys(field, program);
      if (keys === null) continue;
      const cost = this.bucketCost(field.path, keys);
      if (best === null || cost < best.cost) best = { path: field.path, keys, cost };
    }
    if (best === null) {
      this.unindexed.push(id);
      return;
    }
    const byValue = this.exact.get(best.path) ?? new Map<string, Bucket>();
    this.exact.set(best.path, byValue);
    for (const k of best.keys.exact) append(byValue, k, id);
    if (best.keys.prefixes.length === 0) return;
    const table = this.prefix.get(best.path) ?? {
      lengths: new Set<number>(),
      byPrefix: new Map<string, Bucket>(),
    };
    this.prefix.set(best.path, table);
    for (const k of best.keys.prefixes) {
      table.lengths.add(k.length);
      append(table.byPrefix, k, id);
    }
  }

  /** Calls `matched` with the keyIndex of every branch matching `flat` (skipping keys `done` says). */
  collect(flat: FlatEvent, done: (keyIndex: number) => boolean, matched: (keyIndex: number) => void): void {
    if (this.entries.length === 0) return;
    this.fileAdded();
    const candidates = new Set<number>(this.unindexed);
    for (const path of flat.paths()) {
      const byValue = this.exact.get(path);
      const table = this.prefix.get(path);
      if (byValue === undefined && table === undefined) continue;
      for (const { value } of flat.at(path)) {
        for (const id of byValue?.get(valueKey(value)) ?? []) candidates.add(id);
        if (byValue !== undefined && value.kind === "string" && isAscii(value.bytes)) {
          for (const id of byValue.get(caselessKey(value.bytes)) ?? []) candidates.add(id);
        }
        if (table === undefined || value.kind !== "string") continue;
        const bytes = value.bytes;
        for (const length of table.lengths) {
          if (length > bytes.length) continue;
          for (const id of table.byPrefix.get(bytes.slice(0, length)) ?? []) candidates.add(id);
        }
      }
    }
    for (const id of candidates) {
      const entry = this.entries[id];
      if (entry === undefined || done(entry.keyIndex)) continue;
      if (entry.program.matchesAlternative(entry.alternative, flat)) matched(entry.keyIndex);
    }
  }
}
