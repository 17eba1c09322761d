import type { ActionRegistry } from "../action/registry.js";
import type { ActionDefinition } from "../action/types.js";
import { checkArn } from "../arn.js";
import {
  type CompiledCondition,
  checkCondition,
  compileCondition,
  conditionVariables,
} from "../condition/index.js";
import type { RuleSource } from "../load/rule-file.js";
import type { JsonPath } from "../load/source-map.js";
import { type CompiledPattern, checkAndCompilePattern, compilePattern } from "../pattern/index.js";
import { type ActionSpec, effectivePattern, hasAlarmContext, type JsonObject, type Rule } from "../rule.js";
import { findSecrets, plaintextSecretMessage } from "../secrets/index.js";
import { type CompiledParams, compileParams, scanParams } from "../template/index.js";
import { ProblemSink } from "./problem-sink.js";
import { forEachStringLeaf } from "./string-leaves.js";
import { templatePosition } from "./template-position.js";

/** EventBridge's default quota on the size of an event pattern, in characters (adjustable). */
export const PATTERN_SIZE_QUOTA = 2048;

export interface CompiledAction {
  index: number;
  type: string;
  definition: ActionDefinition;
  /** Params as written plus the action's defaults. */
  params: Record<string, unknown>;
  /** Templates of the params rendered before the action runs (deferred ones excluded). */
  templates: CompiledParams;
}

export interface CompiledRule {
  name: string;
  description?: string;
  enabled: boolean;
  file: string;
  line: number;
  rule: Rule;
  pattern: JsonObject;
  matcher: CompiledPattern;
  condition?: CompiledCondition;
  /** Whether the `alarm` view is part of this rule's context. */
  alarmContext: boolean;
  actions: CompiledAction[];
}

/**
 * Checks the meaning of one schema-valid rule document (pattern, condition, templates, params)
 * and compiles it. Every problem is collected; the rule is compiled only when none is an error.
 */
export function compileRule(
  source: RuleSource,
  registry: ActionRegistry,
  schemaOk: boolean,
): { rule?: CompiledRule; problems: ProblemSink } {
  const sink = new ProblemSink(source);
  const rule = source.value as Rule;
  const on = isObject(rule.on) ? rule.on : undefined;

  // Every string of the rule, whatever action or key it sits in: a secret pasted anywhere is found.
  const extraPatterns = registry.all().flatMap((a) => a.secretPatterns ?? []);
  forEachStringLeaf(rule, (text, path) => {
    const [secret] = findSecrets(text, extraPatterns);
    if (secret) sink.add("PLAINTEXT_SECRET", path(), plaintextSecretMessage(secret.pattern));
  });

  // The written pattern compiled while checked: the rule matches with it (compiled once, not twice).
  let checked: CompiledPattern | undefined;
  if (on && isObject(on.pattern)) {
    const result = checkAndCompilePattern(on.pattern);
    if ("error" in result) {
      const err = result.error;
      sink.add("INVALID_PATTERN", ["on", "pattern", ...err.path], `invalid event pattern: ${err.message}`);
    } else {
      checked = result.pattern;
      const size = JSON.stringify(on.pattern).length;
      if (size > PATTERN_SIZE_QUOTA) {
        sink.add(
          "PATTERN_TOO_LARGE",
          ["on", "pattern"],
          `event pattern is ${size} characters, over EventBridge's default quota of ${PATTERN_SIZE_QUOTA} (adjustable)`,
          { severity: "warning", key: true },
        );
      }
    }
  }
  if (on && typeof on.bus === "string" && on.bus.startsWith("arn:")) {
    const reason = checkArn(on.bus, { service: "events", resourcePrefix: "event-bus/" });
    if (reason) sink.add("INVALID_ARN", ["on", "bus"], `event bus ARN: ${reason}`);
  }

  const roots = new Set(["event", "rule", "now"]);
  if (on && hasAlarmContext({ on })) roots.add("alarm");

  if (rule.when !== undefined) {
    const issues = checkCondition(rule.when);
    for (const issue of issues) sink.add(issue.code, ["when", ...issue.path], issue.message, { key: true });
    if (issues.length === 0) {
      for (const v of conditionVariables(rule.when)) {
        const root = String(v[0] ?? "");
        if (root !== "" && !roots.has(root)) {
          sink.add("UNKNOWN_LOGIC_ROOT", ["when"], rootMessage(v, roots, "condition"));
        }
      }
    }
  }

  const actions: CompiledAction[] = [];
  const specs: unknown[] = Array.isArray(rule.actions) ? rule.actions : [];
  specs.forEach((spec, index) => {
    if (!isObject(spec) || typeof spec.type !== "string") return;
    const definition = registry.get(spec.type);
    if (!definition) return; // the schema already reported UNKNOWN_ACTION
    const compiled = compileAction(source, sink, definition, spec as ActionSpec, index, roots);
    if (compiled) actions.push(compiled);
  });

  if (!schemaOk || sink.hasErrors || !on) return { problems: sink };
  const pattern = effectivePattern({ name: rule.name, on });
  if (!pattern) return { problems: sink };
  const matcher = checked !== undefined && pattern === on.pattern ? checked : compilePattern(pattern);
  const line = source.map.locate([]).line;
  return {
    problems: sink,
    rule: {
      name: rule.name,
      ...(rule.description !== undefined ? { description: rule.description } : {}),
      enabled: rule.enabled !== false,
      file: source.file,
      line,
      rule,
      pattern,
      matcher,
      ...(rule.when !== undefined ? { condition: compileCondition(rule.when) } : {}),
      alarmContext: roots.has("alarm"),
      actions,
    },
  };
}

function compileAction(
  source: RuleSource,
  sink: ProblemSink,
  definition: ActionDefinition,
  spec: ActionSpec,
  index: number,
  roots: ReadonlySet<string>,
): CompiledAction | undefined {
  const base: JsonPath = ["actions", index];
  const { type: _type, ...written } = spec;
  const params: Record<string, unknown> = { ...structuredClone(definition.defaults ?? {}), ...written };
  const before = sink.problems.length;

  for (const issue of definition.check?.(params, { roots }) ?? []) {
    sink.add(issue.code, [...base, ...issue.path], issue.message, { severity: issue.severity ?? "error" });
  }
  const deferred = definition.deferredParams ?? {};
  // Defaults are not in the file: their problems point at the action itself.
  const at = (path: JsonPath): JsonPath => (String(path[0]) in written ? [...base, ...path] : base);
  const { templates, issues } = scanParams(params);
  for (const { path, issue } of issues) {
    const where = at(path);
    const pos =
      where === base ? source.map.locate(base) : templatePosition(source, where, issue.line, issue.col);
    sink.addAt("TEMPLATE_SYNTAX", pos.line, pos.col, `template syntax: ${issue.message}`);
  }
  for (const { path, template } of templates) {
    const extra = deferred[String(path[0])] ?? [];
    for (const v of template.variables) {
      const root = String(v[0]);
      if (!roots.has(root) && !extra.includes(root)) {
        sink.add(
          "UNKNOWN_TEMPLATE_ROOT",
          at(path),
          rootMessage(v, new Set([...roots, ...extra]), "template"),
        );
      }
    }
  }
  if (sink.problems.length > before) return undefined;
  const rendered = Object.fromEntries(Object.entries(params).filter(([k]) => !(k in deferred)));
  return { index, type: definition.type, definition, params, templates: compileParams(rendered) };
}

function rootMessage(v: ReadonlyArray<string | number>, roots: ReadonlySet<string>, what: string): string {
  const name = v
    .map((s) => (typeof s === "number" ? `[${s}]` : s))
    .join(".")
    .replace(/\.\[/g, "[");
  return `${what} variable \`${name}\` is rooted at \`${v[0]}\`, which this rule's context does not have (available: ${[...roots].sort().join(", ")})`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
