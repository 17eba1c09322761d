import type { EventOutcome } from "../engine/runtime/index.js";
import { conditionMissLine, eventHeadLine } from "./decision-text.js";
import { escapeTerminal } from "./terminal-text.js";

/** A person-readable account of one executed event: matched rules and each action's result. */
export function renderOutcomeText(outcome: EventOutcome): string {
  const lines = [eventHeadLine(outcome.origin, outcome.detailType, outcome.eventId)];
  if (outcome.error) lines.push(`  ✗ engine error: ${outcome.error}`);
  if (outcome.unknownRule)
    lines.push(`  ✗ names rule "${outcome.unknownRule}", which is not loaded or is disabled`);
  if (outcome.decisions.length === 0 && !outcome.unknownRule) lines.push("  no rule matched");
  for (const d of outcome.decisions) {
    const miss = conditionMissLine(d);
    if (miss !== undefined) {
      lines.push(miss);
      continue;
    }
    lines.push(
      `  ${d.actions.some((a) => a.status === "failed" || a.status === "render-error") ? "✗" : "✓"} ${d.rule}`,
    );
    for (const a of d.actions) {
      const tries = a.attempts > 1 ? ` after ${a.attempts} attempts` : "";
      switch (a.status) {
        case "changed":
        case "unchanged":
          lines.push(`      [${a.index}] ${a.type}: ${a.status}: ${a.summary}${tries}`);
          break;
        case "skipped-duplicate":
          lines.push(`      [${a.index}] ${a.type}: already done for this event (${a.previous.summary})`);
          break;
        case "skipped-in-progress":
          lines.push(`      [${a.index}] ${a.type}: running elsewhere, skipped`);
          break;
        case "failed":
        case "render-error":
          lines.push(`      ✗ [${a.index}] ${a.type}: ${a.status}: ${a.error}${tries}`);
          break;
      }
    }
  }
  // Event fields are untrusted: a terminal must print them, not act on them.
  return `${escapeTerminal(lines.join("\n"))}\n`;
}
