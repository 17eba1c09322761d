/**
 * The rule artifact: the validated, normalised rule set that synth writes beside the engine
 * bundle, so a cold start compiles patterns, conditions and templates straight from JSON — no
 * YAML parsing and no schema validation (ajv) at run time. Synth has already refused every rule
 * with an error; what the artifact guards against is a mismatch: another rulebridge version,
 * another set of action definitions (the rule schema differs), or an edited file.
 * Reading it is all a cold start does (`rule-artifact-writer.ts` writes it, at synth).
 */
import type { ActionRegistry } from "../action/registry.js";
import { deferCondition } from "../condition/deferred-condition.js";
import { compilePattern } from "../pattern/index.js";
import { deferParams } from "../template/compiled-params.js";
import { contentHash } from "./content-hash.js";
import type { CompiledAction, CompiledRule } from "./rule-compiler.js";

/** The artifact's file name inside the engine asset, beside `index.mjs`. */
export const RULE_ARTIFACT_FILE = "rules.json";
export const RULE_ARTIFACT_FORMAT = "rulebridge-rules";
/** Bumped when the layout below changes (2: contentHash is `contentHash`, no longer sha256). */
export const RULE_ARTIFACT_FORMAT_VERSION = 2;

/** One action as synth compiled it: params with defaults, and which of them render before the run. */
export interface ArtifactAction {
  index: number;
  type: string;
  params: Record<string, unknown>;
  /** Top-level params rendered before `run` (the others are the action's deferred params). */
  rendered: string[];
}

/** A compiled rule as written at synth: its own fields, with actions as data (nothing compiled). */
export type ArtifactRule = Omit<CompiledRule, "matcher" | "condition" | "actions"> & {
  actions: ArtifactAction[];
};

export interface RuleArtifact {
  format: typeof RULE_ARTIFACT_FORMAT;
  formatVersion: number;
  rulebridgeVersion: string;
  /** sha256 of the rule JSON Schema built from the registry's actions. */
  schemaHash: string;
  /** `contentHash(JSON.stringify(rules))`: an edited artifact no longer matches it. */
  contentHash: string;
  rules: ArtifactRule[];
}

/** The artifact cannot be used: the function refuses to start rather than run other rules. */
export class RuleArtifactError extends Error {
  override readonly name = "RuleArtifactError";
}

/** What the reading engine is: the artifact must have been written for exactly this. */
export interface ArtifactExpectation {
  rulebridgeVersion: string;
  /**
   * `ruleSchemaHash` of the engine's registry. The bundle's entry carries the one synth computed
   * from the same action definitions, so a cold start does not build the rule schema to hash it.
   */
  schemaHash: string;
}

/**
 * Parses and checks an artifact, then compiles its rules: patterns now, conditions and templates
 * on first use (synth compiled and checked them all already, and a cold start that matches no
 * rule should not pay for them). Throws RuleArtifactError naming what
 * does not match: format, rulebridge version, rule schema (action definitions), content hash, or
 * an action type the registry lacks.
 */
export function readRuleArtifact(
  text: string,
  registry: Pick<ActionRegistry, "get">,
  expected: ArtifactExpectation,
  where = RULE_ARTIFACT_FILE,
): CompiledRule[] {
  const { rulebridgeVersion } = expected;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new RuleArtifactError(`rulebridge: ${where} is not JSON (${(err as Error).message})`);
  }
  const a = parsed as Partial<RuleArtifact> | null;
  if (!a || a.format !== RULE_ARTIFACT_FORMAT || a.formatVersion !== RULE_ARTIFACT_FORMAT_VERSION) {
    throw new RuleArtifactError(
      `rulebridge: ${where} is not a rule artifact of format ${RULE_ARTIFACT_FORMAT} v${RULE_ARTIFACT_FORMAT_VERSION}; synthesize again`,
    );
  }
  if (a.rulebridgeVersion !== rulebridgeVersion) {
    throw new RuleArtifactError(
      `rulebridge: ${where} was written by rulebridge ${String(a.rulebridgeVersion)}, this engine is ${rulebridgeVersion}; synthesize again`,
    );
  }
  if (a.schemaHash !== expected.schemaHash) {
    throw new RuleArtifactError(
      `rulebridge: ${where} was written for another rule schema (the registered actions differ); synthesize again`,
    );
  }
  if (!Array.isArray(a.rules) || a.contentHash !== contentHash(JSON.stringify(a.rules))) {
    throw new RuleArtifactError(
      `rulebridge: ${where} does not match its content hash (edited after synth?); synthesize again`,
    );
  }
  return compileArtifactRules(a.rules, registry, where);
}

/**
 * Rules as the artifact holds them, compiled as readRuleArtifact compiles them (patterns now,
 * conditions and templates on first use), without the file's checks: for rules this process's
 * registry wrote (artifactRules), such as those `replay --workers` hands from one thread to the
 * others. Throws RuleArtifactError for an action type the registry lacks.
 */
export function compileArtifactRules(
  rules: readonly ArtifactRule[],
  registry: Pick<ActionRegistry, "get">,
  where = RULE_ARTIFACT_FILE,
): CompiledRule[] {
  return rules.map((r) => compileArtifactRule(r, registry, where));
}

function compileArtifactRule(
  r: ArtifactRule,
  registry: Pick<ActionRegistry, "get">,
  where: string,
): CompiledRule {
  const actions = r.actions.map((a): CompiledAction => {
    const definition = registry.get(a.type);
    if (!definition) {
      throw new RuleArtifactError(
        `rulebridge: ${where}: rule ${r.name} uses action type ${a.type}, not registered`,
      );
    }
    const rendered = Object.fromEntries(Object.entries(a.params).filter(([k]) => a.rendered.includes(k)));
    return { index: a.index, type: a.type, definition, params: a.params, templates: deferParams(rendered) };
  });
  // The engine matches through its PatternIndex; the rule's own matcher is built if anyone asks.
  let matcher: CompiledRule["matcher"] | undefined;
  return {
    ...ruleFields(r),
    get matcher() {
      matcher ??= compilePattern(r.pattern);
      return matcher;
    },
    ...(r.rule.when !== undefined ? { condition: deferCondition(r.rule.when) } : {}),
    actions,
  };
}

/** A rule's own fields, which the artifact keeps as they are (the writer's order, for stable bytes). */
export function ruleFields(r: ArtifactRule | CompiledRule): Omit<ArtifactRule, "actions"> {
  return {
    name: r.name,
    ...(r.description !== undefined ? { description: r.description } : {}),
    enabled: r.enabled,
    file: r.file,
    line: r.line,
    rule: r.rule,
    pattern: r.pattern,
    alarmContext: r.alarmContext,
  };
}
