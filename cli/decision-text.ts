/**
 * The lines `run`'s dry-run account (evaluation-text.ts) and its live account (outcome-text.ts)
 * share: an event's head line, and the line of a rule whose `when` did not hold.
 */

/** `origin  (detail-type, id …)`: where the event came from and which it is. */
export function eventHeadLine(origin: string, detailType?: string | null, eventId?: string | null): string {
  const head = [detailType, eventId ? `id ${eventId}` : null].filter(Boolean).join(", ");
  return `${origin}${head ? `  (${head})` : ""}`;
}

/** The line of a matched rule whose `when` was false or failed; undefined when it held. */
export function conditionMissLine(d: {
  rule: string;
  condition: boolean | "error";
  conditionError?: string;
}): string | undefined {
  if (d.condition === false) return `  - ${d.rule}: pattern matched, \`when\` was false`;
  if (d.condition === "error") return `  ✗ ${d.rule}: \`when\` failed: ${d.conditionError}`;
  return undefined;
}
