import { Document, isScalar, visit } from "yaml";
import type { ActionDefinition } from "../../engine/action/types.js";
import type { ActionSample } from "./action-samples.js";

/** The example rule's name: unique per (action, sample), within the 63 characters a name may have. */
export function exampleRuleName(action: ActionDefinition, index: number): string {
  const suffix = `-example-${index + 1}`;
  return `${action.type.slice(0, 63 - suffix.length)}${suffix}`;
}

/** A whole rule file around one sample, as YAML text: exactly what docs show and tests check. */
export function exampleRuleYaml(action: ActionDefinition, sample: ActionSample, index: number): string {
  const rule = {
    name: exampleRuleName(action, index),
    description: sample.title,
    on: sample.on,
    actions: [{ type: action.type, ...sample.params }],
  };
  const doc = new Document(rule);
  // Lists of plain values in flow style (`source: [aws.ecs]`), as rule files usually write them.
  visit(doc, {
    Seq(_, node) {
      if (node.items.every(isScalar)) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
