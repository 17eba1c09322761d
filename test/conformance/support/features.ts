import { isOrGroup } from "./generators.js";
import { isJsonObject, type Json } from "./json.js";

/**
 * The features a pattern/event pair exercises, so the generated suite can prove (and print) that every
 * operator was both accepted and matched a fair number of times.
 */
export const FEATURES = [
  "exact string",
  "exact number",
  "exact true/false",
  "exact null",
  "exact IP-like string",
  "prefix",
  "prefix equals-ignore-case",
  "suffix",
  "suffix equals-ignore-case",
  "equals-ignore-case",
  "wildcard",
  "wildcard with escapes",
  "anything-but string",
  "anything-but number",
  "anything-but string list",
  "anything-but number list",
  "anything-but prefix",
  "anything-but suffix",
  "anything-but equals-ignore-case",
  "anything-but wildcard",
  "numeric comparison",
  "numeric range",
  "exists true",
  "exists false",
  "cidr IPv4",
  "cidr IPv6",
  "$or",
  "nested $or",
  "dotted key",
  "nested object",
  "event array of scalars",
  "event array of objects",
] as const;
export type Feature = (typeof FEATURES)[number];

function matcherFeatures(m: Json, out: Set<Feature>): void {
  if (typeof m === "string") {
    out.add(/^[0-9a-fA-F:.]+$/.test(m) && /[.:]/.test(m) ? "exact IP-like string" : "exact string");
    return;
  }
  if (typeof m === "number") return void out.add("exact number");
  if (typeof m === "boolean") return void out.add("exact true/false");
  if (m === null) return void out.add("exact null");
  if (!isJsonObject(m)) return;
  const [op, arg] = Object.entries(m)[0] ?? ["", null];
  switch (op) {
    case "prefix":
      out.add(isJsonObject(arg) ? "prefix equals-ignore-case" : "prefix");
      break;
    case "suffix":
      out.add(isJsonObject(arg) ? "suffix equals-ignore-case" : "suffix");
      break;
    case "equals-ignore-case":
      out.add("equals-ignore-case");
      break;
    case "wildcard":
      out.add(typeof arg === "string" && arg.includes("\\") ? "wildcard with escapes" : "wildcard");
      break;
    case "anything-but":
      if (typeof arg === "string") out.add("anything-but string");
      else if (typeof arg === "number") out.add("anything-but number");
      else if (Array.isArray(arg))
        out.add(typeof arg[0] === "number" ? "anything-but number list" : "anything-but string list");
      else if (isJsonObject(arg)) {
        const inner = Object.keys(arg)[0];
        if (inner === "prefix") out.add("anything-but prefix");
        else if (inner === "suffix") out.add("anything-but suffix");
        else if (inner === "equals-ignore-case") out.add("anything-but equals-ignore-case");
        else if (inner === "wildcard") out.add("anything-but wildcard");
      }
      break;
    case "numeric":
      out.add(Array.isArray(arg) && arg.length > 2 ? "numeric range" : "numeric comparison");
      break;
    case "exists":
      out.add(arg === false ? "exists false" : "exists true");
      break;
    case "cidr":
      out.add(typeof arg === "string" && arg.includes(":") ? "cidr IPv6" : "cidr IPv4");
      break;
  }
}

function patternFeatures(p: Json, out: Set<Feature>, inOr: boolean): void {
  if (!isJsonObject(p)) return;
  for (const [key, value] of Object.entries(p)) {
    if (key === "$or" && isOrGroup(value)) {
      out.add(inOr ? "nested $or" : "$or");
      for (const branch of value) patternFeatures(branch, out, true);
      continue;
    }
    if (key.includes(".")) out.add("dotted key");
    if (Array.isArray(value)) for (const m of value) matcherFeatures(m, out);
    else if (isJsonObject(value)) {
      out.add("nested object");
      patternFeatures(value, out, inOr);
    }
  }
}

function eventFeatures(e: Json, out: Set<Feature>): void {
  if (Array.isArray(e)) {
    if (e.some(isJsonObject)) out.add("event array of objects");
    if (e.some((x) => !isJsonObject(x) && !Array.isArray(x))) out.add("event array of scalars");
    for (const x of e) eventFeatures(x, out);
  } else if (isJsonObject(e)) {
    for (const v of Object.values(e)) eventFeatures(v, out);
  }
}

export function featuresOf(pattern: Json, event: Json): Set<Feature> {
  const out = new Set<Feature>();
  patternFeatures(pattern, out, false);
  eventFeatures(event, out);
  return out;
}
