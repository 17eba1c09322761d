import type { ReplayReport, RuleReport } from "./replay-report.js";
import type { RuleCounts } from "./rule-tally.js";

const COLUMNS: readonly [keyof RuleCounts, string][] = [
  ["matched", "matched"],
  ["conditionHeld", "when held"],
  ["actionsPlanned", "actions planned"],
  ["failed", "failed"],
];

/** `12`, or with a base `10 → 12 (+2)`. */
function cell(r: RuleReport, key: keyof RuleCounts): string {
  if (!r.base) return String(r[key]);
  const before = r.base[key];
  const after = r[key];
  if (before === after) return String(after);
  const delta = after - before;
  return `${before} → ${after} (${delta > 0 ? "+" : ""}${delta})`;
}

function totalsLine(report: ReplayReport): string {
  const parts = [
    `${report.events} event(s) read`,
    `${report.matchedEvents} matched a rule`,
    `${report.invalid} invalid`,
  ];
  if (report.unknownRule > 0) parts.push(`${report.unknownRule} naming a rule not loaded`);
  if (report.difference) {
    const d = report.difference;
    parts.push(`rules: ${d.added} added, ${d.removed} removed, ${d.changed} changed`);
  }
  return parts.join(", ");
}

/** A plain table for a terminal. */
export function replayText(report: ReplayReport): string {
  const header = ["rule", ...(report.difference ? ["change"] : []), ...COLUMNS.map(([, title]) => title)];
  const rows = report.rules.map((r) => [
    r.rule,
    ...(report.difference ? [r.change ?? ""] : []),
    ...COLUMNS.map(([key]) => cell(r, key)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join("  ");
  const out = [line(header), ...rows.map(line)];
  for (const r of report.rules) {
    if (r.firstFailure)
      out.push(`${r.rule}: first failure, event ${r.firstFailure.event}: ${r.firstFailure.message}`);
  }
  for (const i of report.invalidInputs) out.push(`${i.origin}: ${i.message}`);
  out.push("", totalsLine(report));
  return `${out.join("\n")}\n`;
}

/** A GitHub-flavoured table, for `$GITHUB_STEP_SUMMARY` (pull request impact). */
export function replayMarkdown(report: ReplayReport): string {
  const withBase = report.difference !== undefined;
  const title = withBase ? "### rulebridge replay: impact of this change" : "### rulebridge replay";
  const header = ["rule", ...(withBase ? ["change"] : []), ...COLUMNS.map(([, t]) => t)];
  const rows = (withBase ? report.rules.filter((r) => r.change !== "unchanged") : report.rules).map((r) => [
    `\`${r.rule}\``,
    ...(withBase ? [r.change ?? ""] : []),
    ...COLUMNS.map(([key]) => cell(r, key)),
  ]);
  const out = [title, "", totalsLine(report), ""];
  if (rows.length === 0) {
    out.push(withBase ? "No rule matches, holds or plans differently over these events." : "No rules.");
  } else {
    out.push(
      `| ${header.join(" | ")} |`,
      `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
    );
    for (const row of rows) out.push(`| ${row.join(" | ")} |`);
  }
  if (withBase) {
    const same = report.rules.filter((r) => r.change === "unchanged").length;
    if (same > 0 && rows.length > 0) out.push("", `${same} rule(s) unchanged.`);
  }
  if (report.invalidInputs.length > 0) {
    out.push("", "Invalid inputs:", "");
    for (const i of report.invalidInputs) out.push(`- \`${escapeCell(i.origin)}\`: ${escapeCell(i.message)}`);
  }
  return `${out.join("\n")}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/[|`\r\n]/g, (c) => (c === "|" ? "\\|" : c === "`" ? "'" : " "));
}
