/**
 * Writes the rule artifact at synth (see rule-artifact.ts for what it is and how a cold start
 * reads it). Kept apart from the reader: hashing the rule schema means building it from every
 * action's params schema, which the deployed engine never needs to do.
 */
import { createHash } from "node:crypto";
import type { ActionRegistry } from "../action/registry.js";
import { buildRuleSchema } from "../schema/rule-schema.js";
import { contentHash } from "./content-hash.js";
import {
  type ArtifactAction,
  type ArtifactRule,
  RULE_ARTIFACT_FORMAT,
  RULE_ARTIFACT_FORMAT_VERSION,
  type RuleArtifact,
  ruleFields,
} from "./rule-artifact.js";
import type { CompiledAction, CompiledRule } from "./rule-compiler.js";

/** Fingerprint of the rule schema: changes when any action's params schema does. */
export function ruleSchemaHash(registry: ActionRegistry): string {
  return createHash("sha256")
    .update(JSON.stringify(buildRuleSchema(registry)))
    .digest("hex");
}

function artifactAction(action: CompiledAction): ArtifactAction {
  const value = action.templates.value;
  const rendered = value !== null && typeof value === "object" ? Object.keys(value) : [];
  return { index: action.index, type: action.type, params: action.params, rendered };
}

/** Rules compiled without errors as the artifact holds them: plain data, nothing compiled. */
export function artifactRules(rules: readonly CompiledRule[]): ArtifactRule[] {
  return rules.map((r) => ({ ...ruleFields(r), actions: r.actions.map(artifactAction) }));
}

/** Serialises rules compiled without errors (`loadRuleSet(...).rules`); deterministic for the same input. */
export function writeRuleArtifact(
  rules: readonly CompiledRule[],
  registry: ActionRegistry,
  rulebridgeVersion: string,
): string {
  const out = artifactRules(rules);
  const artifact: RuleArtifact = {
    format: RULE_ARTIFACT_FORMAT,
    formatVersion: RULE_ARTIFACT_FORMAT_VERSION,
    rulebridgeVersion,
    schemaHash: ruleSchemaHash(registry),
    contentHash: contentHash(JSON.stringify(out)),
    rules: out,
  };
  return `${JSON.stringify(artifact)}\n`;
}
