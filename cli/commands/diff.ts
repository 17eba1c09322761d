import { diffStacks } from "../../deploy/toolkit.js";
import { oneOf } from "../args.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { TOOLKIT_FLAGS, TOOLKIT_FLAGS_HELP, toolkitFailure, toolkitRunOptions } from "../toolkit-options.js";

export const diffHelp = `Usage: rulebridge diff [--rules DIR] [--settings FILE] [--method change-set|template] [--fail]

Compares the stack synthesized from the rules (as \`rulebridge synth\` writes it) with the stack
deployed in AWS and prints the differences: resources added, changed (and whether replaced)
or removed, and the IAM and security group changes. A stack not deployed yet shows as all new.
Uses the default AWS credential chain; needs read access to CloudFormation.

Options:
${TOOLKIT_FLAGS_HELP}
  --method M         change-set (default): CloudFormation computes the change, with replacements
                     (falls back to comparing templates if it cannot); template: compare templates only
  --fail             exit 1 when there are differences

Exit: 0 compared (or no differences with --fail), 1 differences with --fail, no credentials or an
AWS error, 2 usage error or invalid rules/settings.
`;

export const command = defineCommand({
  name: "diff",
  help: diffHelp,
  options: {
    ...TOOLKIT_FLAGS,
    method: { type: "string" },
    fail: { type: "boolean" },
  },
  project: "require",
  async run({ values, io, project }) {
    const method = oneOf(values.method, ["change-set", "template"] as const, "--method", "change-set");
    const options = toolkitRunOptions(values, io, project!);
    try {
      const stacks = await diffStacks({ ...options, method });
      const differing = stacks.filter((s) => s.differences > 0).length;
      return values.fail && differing > 0 ? EXIT.findings : EXIT.ok;
    } catch (err) {
      return toolkitFailure("diff", err, io);
    }
  },
});
