import { destroyStacks } from "../../deploy/toolkit.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { TOOLKIT_FLAGS, TOOLKIT_FLAGS_HELP, toolkitFailure, toolkitRunOptions } from "../toolkit-options.js";

export const destroyHelp = `Usage: rulebridge destroy --force [--rules DIR] [--settings FILE]

Deletes the rules' stack (named by the settings' stackName): the EventBridge rules, the alarms
rules define, the engine function, its role, logs, dead-letter queue and idempotency table.
Nothing prompts: without --force nothing is deleted. The CDKToolkit bootstrap stack stays.

Options:
${TOOLKIT_FLAGS_HELP}
  -f, --force        confirm the deletion

Exit: 0 deleted, 1 not confirmed, no such stack, no credentials or the deletion failed,
2 usage error or invalid rules/settings.
`;

export const command = defineCommand({
  name: "destroy",
  help: destroyHelp,
  options: { ...TOOLKIT_FLAGS, force: { type: "boolean", short: "f" } },
  project: "require",
  async run({ values, io, project }) {
    const options = toolkitRunOptions(values, io, project!);
    try {
      const stacks = await destroyStacks({ ...options, force: values.force === true });
      const missing = stacks.filter((s) => !s.existed);
      for (const s of stacks.filter((s) => s.existed)) io.stdout(`destroyed ${s.stackName}\n`);
      for (const s of missing)
        io.stderr(`rulebridge destroy: stack ${s.stackName} does not exist; nothing to delete\n`);
      return missing.length > 0 ? EXIT.findings : EXIT.ok;
    } catch (err) {
      return toolkitFailure("destroy", err, io);
    }
  },
});
