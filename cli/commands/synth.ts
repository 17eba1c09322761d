import { SynthError, synthesize } from "../../deploy/synth.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { formatProblems } from "../problem-format.js";
import { synthOptions } from "../project/synth-options.js";

export const synthHelp = `Usage: rulebridge synth [--rules DIR] [--settings FILE] [--out DIR]

Generates the CloudFormation template for the rules: the engine function (bundled, rules inside),
one EventBridge rule per rule, alarms for alarm triggers, least-privilege IAM from what each
action declares, the dead-letter queue, the idempotency table and the engine's alarms.
Works offline with no credentials; the same rules give a byte-identical template.

Options:
  --rules DIR        rule files folder (default: rules)
  --settings FILE    project settings (default: rulebridge.yaml if present)
  --out DIR          output folder (default: cdk.out)

Exit: 0 written, 2 usage error or invalid rules/settings.
`;

export const command = defineCommand({
  name: "synth",
  help: synthHelp,
  options: { rules: { type: "string" }, out: { type: "string" } },
  project: "require",
  async run({ values, io, project }) {
    try {
      const { templatePath, warnings } = await synthesize(synthOptions(project!, values, io.cwd));
      if (warnings.length > 0) io.stderr(formatProblems(warnings, "text"));
      io.stdout(`${templatePath}\n`);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof SynthError) {
        io.stderr(formatProblems(err.problems, "text"));
        io.stderr(`\n${err.problems.length} error(s) in rules or settings; nothing written\n`);
        return EXIT.usage;
      }
      throw err;
    }
  },
});
