import { BUILTIN_SECRET_PATTERNS, type SecretPattern } from "./secret-pattern.js";

/** One secret found in a string: which pattern, and where (UTF-16 offsets, end exclusive). */
export interface SecretMatch {
  readonly pattern: SecretPattern;
  readonly start: number;
  readonly end: number;
}

/** What replaces a secret in masked text. */
export const SECRET_MASK = "[redacted]";

const compiled = new WeakMap<RegExp, RegExp>();

function globalOf(re: RegExp): RegExp {
  let g = compiled.get(re);
  if (!g) {
    const flags = new Set([...re.flags, "g", "i"]);
    flags.delete("y");
    g = new RegExp(re.source, [...flags].join(""));
    compiled.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}

/**
 * Every secret in `text`, leftmost first; overlapping matches of different patterns are merged
 * into the first one. `extra` adds patterns (an action's own) to the built-in ones.
 */
export function findSecrets(text: string, extra: readonly SecretPattern[] = []): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const pattern of [...BUILTIN_SECRET_PATTERNS, ...extra]) {
    const re = globalOf(pattern.pattern);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === "") {
        re.lastIndex++;
        continue;
      }
      found.push({ pattern, start: m.index, end: m.index + m[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretMatch[] = [];
  for (const match of found) {
    const last = merged[merged.length - 1];
    if (last && match.start < last.end) {
      if (match.end > last.end) merged[merged.length - 1] = { ...last, end: match.end };
    } else {
      merged.push(match);
    }
  }
  return merged;
}

/** `text` with every secret replaced by SECRET_MASK; the rest, positions before it included, kept. */
export function maskSecrets(text: string, extra: readonly SecretPattern[] = []): string {
  const matches = findSecrets(text, extra);
  if (matches.length === 0) return text;
  let out = "";
  let at = 0;
  for (const { start, end } of matches) {
    out += text.slice(at, start) + SECRET_MASK;
    at = end;
  }
  return out + text.slice(at);
}

/** The PLAINTEXT_SECRET message for a match: says what it is and what to do, never the value. */
export function plaintextSecretMessage(pattern: SecretPattern): string {
  const advice = pattern.advice ? `; ${pattern.advice}` : "";
  return `${pattern.label} in clear text: anyone who can read this file can use it${advice}`;
}

/** One string of a value that holds a secret, by its path inside the value. */
export interface SecretFinding {
  readonly path: (string | number)[];
  readonly pattern: SecretPattern;
}

/** Every string (keys included) inside a JSON-like value that holds a secret, first match only per string. */
export function findSecretsIn(value: unknown, extra: readonly SecretPattern[] = []): SecretFinding[] {
  const out: SecretFinding[] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === "string") {
      const [first] = findSecrets(v, extra);
      if (first) out.push({ path, pattern: first.pattern });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], [...path, i]);
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        const [inKey] = findSecrets(k, extra);
        if (inKey) out.push({ path: [...path, k], pattern: inKey.pattern });
        walk(item, [...path, k]);
      }
    }
  };
  walk(value, []);
  return out;
}
