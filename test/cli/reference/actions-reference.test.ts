import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { exampleRuleYaml } from "../../../cli/reference/action-example-rule.js";
import { actionSamples } from "../../../cli/reference/action-samples.js";
import { actionsReference } from "../../../cli/reference/actions-reference.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { ActionDefinition } from "../../../engine/action/types.js";
import { checkRuleTexts } from "./check-clean.js";

const registry = registerBuiltins(new ActionRegistry());
const markdown = actionsReference(registry);

const examples = registry
  .all()
  .flatMap((action) => actionSamples(action).map((sample, i) => ({ action, sample, i })))
  .map(({ action, sample, i }) => ({
    label: `${action.type}: ${sample.title}`,
    file: `${action.type}-${i + 1}.yaml`,
    yaml: exampleRuleYaml(action, sample, i),
  }));

describe("actions.md", () => {
  it.each(examples)("example $label passes rulebridge check", ({ file, yaml }) => {
    expect(markdown).toContain(yaml);
    expect(checkRuleTexts({ [file]: yaml }, registry)).toEqual([]);
  });

  it("examples check clean together (unique rule names)", () => {
    const files = Object.fromEntries(examples.map((e) => [e.file, e.yaml]));
    expect(checkRuleTexts(files, registry)).toEqual([]);
  });

  it("documents every registered action, its params and its IAM", () => {
    for (const action of registry.all()) {
      expect(markdown).toContain(`## ${action.type}\n`);
      for (const param of Object.keys(action.paramsSchema.properties as object)) {
        expect(markdown).toContain(`| \`${param}\` |`);
      }
      for (const sample of actionSamples(action)) {
        for (const statement of action.iam({ ...action.defaults, ...sample.params })) {
          for (const iamAction of statement.actions) expect(markdown).toContain(`\`${iamAction}\``);
        }
      }
    }
  });

  it("says why wherever a statement uses Resource *", () => {
    const wildcardRows = markdown.split("\n").filter((line) => /^\| `[a-z0-9]+:\w+`.* \| `\*` \|/.test(line));
    expect(wildcardRows.length).toBeGreaterThan(0);
    for (const row of wildcardRows) {
      expect(row).toContain("**Resource `*`:**");
      expect(row).not.toContain("no reason declared");
    }
  });

  it("marks deferred and secret params", () => {
    expect(markdown).toMatch(/\| `tags` \|[^\n]*\| deferred: also sees `instance` \|/);
    expect(markdown).toMatch(/\| `webhook` \|[^\n]*secret reference, redacted/);
  });

  it("documents a user's action registered the same way, from its schema's examples", () => {
    const pagerAction: ActionDefinition = {
      type: "pager-page",
      description: "Page the on-call engineer.",
      paramsSchema: {
        type: "object",
        properties: {
          service: { type: "string", description: "Pager service key.", examples: ["web-oncall"] },
          urgent: { type: "boolean", default: false },
        },
        required: ["service"],
        additionalProperties: false,
      },
      iam: () => [
        { actions: ["ssm:GetParameter"], resources: ["*"], why: "demo: the key is looked up by name" },
      ],
      plan: () => ({ type: "pager-page", summary: "page", steps: [] }),
    };
    const withUser = registerBuiltins(new ActionRegistry()).register(pagerAction);
    const doc = actionsReference(withUser);
    expect(doc).toContain("## pager-page\n");
    expect(doc).toContain("| `service` | string | yes |");
    expect(doc).toContain("**Resource `*`:** demo: the key is looked up by name");
    const [sample] = actionSamples(pagerAction);
    expect(sample?.params).toEqual({ service: "web-oncall", urgent: false });
    const yaml = exampleRuleYaml(pagerAction, sample!, 0);
    expect(doc).toContain(yaml);
    expect(checkRuleTexts({ "pager.yaml": yaml }, withUser)).toEqual([]);
  });
});
