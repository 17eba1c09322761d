import type { ActionRegistry } from "../../../engine/action/registry.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import type { Problem } from "../../../engine/problem.js";
import { compileSources } from "../../../engine/rule-set.js";

/** What `rulebridge check` reports for these rule files (given as text), through the real loader. */
export function checkRuleTexts(files: Record<string, string>, registry: ActionRegistry): Problem[] {
  const parsed = Object.entries(files).map(([file, text]) => parseRuleFile(file, text));
  const compiled = compileSources(
    parsed.flatMap((p) => p.sources),
    registry,
  );
  return [...parsed.flatMap((p) => p.problems), ...compiled.problems];
}
