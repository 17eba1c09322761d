import type { Evaluation } from "../engine/engine.js";
import { conditionMissLine, eventHeadLine } from "./decision-text.js";
import { escapeTerminal } from "./terminal-text.js";

/** A person-readable account of one event's evaluation: matched rules, conditions, plans. */
export function renderEvaluationText(origin: string, ev: Evaluation): string {
  const lines = [eventHeadLine(origin, ev.detailType, ev.eventId)];
  if (ev.decisions.length === 0) lines.push("  no rule matched");
  for (const d of ev.decisions) {
    const miss = conditionMissLine(d);
    if (miss !== undefined) {
      lines.push(miss);
      continue;
    }
    lines.push(`  ✓ ${d.rule}`);
    for (const a of d.actions) {
      if (a.status === "error") {
        lines.push(`      ✗ [${a.index}] ${a.type}: ${a.error}`);
        continue;
      }
      lines.push(`      [${a.index}] ${a.type}: ${a.plan.summary}`);
      for (const step of a.plan.steps) {
        lines.push(`          ${step.call}${step.note ? `  (${step.note})` : ""}`);
        for (const l of JSON.stringify(step.input, null, 2).split("\n")) lines.push(`            ${l}`);
      }
    }
  }
  // Event fields are untrusted: a terminal must print them, not act on them.
  return `${escapeTerminal(lines.join("\n"))}\n`;
}
