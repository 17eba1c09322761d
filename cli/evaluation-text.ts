import type { Evaluation } from "../engine/engine.js";
import { escapeTerminal } from "./terminal-text.js";

/** A person-readable account of one event's evaluation: matched rules, conditions, plans. */
export function renderEvaluationText(origin: string, ev: Evaluation): string {
  const head = [ev.detailType, ev.eventId ? `id ${ev.eventId}` : null].filter(Boolean).join(", ");
  const lines = [`${origin}${head ? `  (${head})` : ""}`];
  if (ev.decisions.length === 0) lines.push("  no rule matched");
  for (const d of ev.decisions) {
    if (d.condition === false) {
      lines.push(`  - ${d.rule}: pattern matched, \`when\` was false`);
      continue;
    }
    if (d.condition === "error") {
      lines.push(`  ✗ ${d.rule}: \`when\` failed: ${d.conditionError}`);
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
