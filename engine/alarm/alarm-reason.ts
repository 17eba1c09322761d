/**
 * Reading what CloudWatch says about a state change. The EventBridge event carries no comparison
 * operator and not always a threshold, so they are recovered from what it does carry:
 * `reasonData` (JSON, when CloudWatch includes it) and the `reason` sentence, whose wording is
 * stable across the formats seen in AWS's documentation and in the field:
 *
 *   Threshold Crossed: 1 out of the last 1 datapoints [0.0 (02/10/19 17:03:00)] was less than or
 *     equal to the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).
 *   Threshold Crossed: 3 out of the last 3 datapoints [1141.0 (09/10/20 21:24:00), 1226.0 (…)] were
 *     greater than or equal to the threshold (30.0) …            (newest datapoint first)
 *   Threshold Crossed: 1 datapoint (10.0) was greater than or equal to the threshold (1.0).  (older)
 *   Thresholds Crossed: … was less than the lower thresholds [..] or greater than the upper thresholds [..]
 *
 * Every function returns null when it cannot tell; none throws.
 */

/** `reasonData` is a JSON string in real events; tolerate an already-parsed object too. */
export function parseReasonData(raw: unknown): Record<string, unknown> | null {
  if (isRecord(raw)) return raw;
  if (typeof raw !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The latest datapoint in reasonData: the last of `recentDatapoints` (oldest first), else the
 * newest of `evaluatedDatapoints` that has a value.
 */
export function latestFromReasonData(data: Record<string, unknown> | null): number | null {
  if (!data) return null;
  const recent = data.recentDatapoints;
  if (Array.isArray(recent) && recent.length > 0) {
    const last = toNumber(recent[recent.length - 1]);
    if (last !== null) return last;
  }
  const evaluated = data.evaluatedDatapoints;
  if (!Array.isArray(evaluated)) return null;
  let best: { at: string; value: number } | null = null;
  for (const point of evaluated) {
    if (!isRecord(point)) continue;
    const value = toNumber(point.value);
    const at = typeof point.timestamp === "string" ? point.timestamp : "";
    if (value !== null && (best === null || at > best.at)) best = { at, value };
  }
  return best?.value ?? null;
}

/** The latest datapoint named in a reason sentence. */
export function latestFromReason(reason: string): number | null {
  const list = /\bdatapoints?\s*\[([^\]]*)\]/i.exec(reason);
  if (list) {
    const points = (list[1] ?? "")
      .split(",")
      .map(parseDatapoint)
      .filter((p) => p !== null);
    if (points.length === 0) return null;
    // The sentence lists the newest first; when every entry has a time, trust the times instead.
    if (points.every((p) => p.at !== null)) {
      return points.reduce((a, b) => ((b.at as string) > (a.at as string) ? b : a)).value;
    }
    return points[0]?.value ?? null;
  }
  const single = /\bdatapoints?\s*\(\s*([^)\s]+)\s*\)/i.exec(reason);
  return single ? toNumber(single[1]) : null;
}

/** `the threshold (0.0)` → 0. */
export function thresholdFromReason(reason: string): number | null {
  const m = /\bthe threshold\s*\(\s*([^)\s]+)\s*\)/i.exec(reason);
  return m ? toNumber(m[1]) : null;
}

/**
 * The alarm's ComparisonOperator, from the wording of a reason. A reason for a move to OK is
 * negated ("was not greater than the threshold"), which names the same operator.
 */
export function comparisonFromReason(reason: string): string | null {
  const lower = /\bless than the lower thresholds?\b/i.test(reason);
  const upper = /\bgreater than the upper thresholds?\b/i.test(reason);
  if (lower && upper) return "LessThanLowerOrGreaterThanUpperThreshold";
  if (upper) return "GreaterThanUpperThreshold";
  if (lower) return "LessThanLowerThreshold";
  const m = /\b(greater|less) than (or equal to )?the threshold\b(?!s)/i.exec(reason);
  if (!m) return null;
  const base = (m[1] ?? "").toLowerCase() === "greater" ? "GreaterThan" : "LessThan";
  return `${base}${m[2] ? "OrEqualTo" : ""}Threshold`;
}

/** `1141.0 (09/10/20 21:24:00)` → value and a sortable `yymmddHHMMSS` (the text is dd/mm/yy). */
function parseDatapoint(entry: string): { value: number; at: string | null } | null {
  const m = /^\s*([^\s(]+)\s*(?:\((\d{2})\/(\d{2})\/(\d{2})\s+(\d{2}):(\d{2}):(\d{2})\))?\s*$/.exec(entry);
  if (!m) return null;
  const value = toNumber(m[1]);
  if (value === null) return null;
  const [, , dd, mm, yy, hh, mi, ss] = m;
  return { value, at: yy === undefined ? null : `${yy}${mm}${dd}${hh}${mi}${ss}` };
}

/** A finite number, from a number or a plain numeric string (Java's `1.0E7` included); -0 is 0. */
export function toNumber(value: unknown): number | null {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim()))
    n = Number(value.trim());
  else return null;
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
