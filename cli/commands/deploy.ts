import { deployStacks } from "../../deploy/toolkit.js";
import { oneOf, UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { TOOLKIT_FLAGS, TOOLKIT_FLAGS_HELP, toolkitFailure, toolkitRunOptions } from "../toolkit-options.js";

export const deployHelp = `Usage: rulebridge deploy [--rules DIR] [--settings FILE] [--yes] [--bootstrap [--execution-policy ARN]...]

Synthesizes the stack from the rules (as \`rulebridge synth\` does), publishes the engine bundle
and deploys it with the AWS CDK toolkit, printing the stack's events as they happen. A change
that broadens IAM permissions (a first deploy always does) is shown and refused unless approved
with --yes: nothing prompts, so CI and terminals behave the same.
Uses the default AWS credential chain; the target account and region must be bootstrapped
for the CDK once (--bootstrap does it).

Options:
${TOOLKIT_FLAGS_HELP}
  --require-approval R  broadening (default): refuse IAM-broadening changes unless --yes;
                        never: deploy any change
  -y, --yes          approve the deployment (same as --require-approval never)
  --bootstrap        bootstrap the target environment first (creates/updates the CDKToolkit stack)
  --execution-policy ARN
                     with --bootstrap: an IAM managed policy for the role CloudFormation deploys
                     with, instead of the CDK's default AdministratorAccess (repeatable)
  --method M         change-set (default) or direct (CreateStack/UpdateStack, no change set)

Exit: 0 deployed (or nothing to change), 1 not approved, no credentials, not bootstrapped or
the deployment failed (rolled back), 2 usage error or invalid rules/settings.
`;

/** An IAM managed policy's ARN: a customer one (account id) or an AWS one, in any partition. */
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/;

export const command = defineCommand({
  name: "deploy",
  help: deployHelp,
  options: {
    ...TOOLKIT_FLAGS,
    "require-approval": { type: "string" },
    yes: { type: "boolean", short: "y" },
    bootstrap: { type: "boolean" },
    "execution-policy": { type: "string", multiple: true },
    method: { type: "string" },
  },
  project: "require",
  async run({ values, io, project }) {
    const requested = oneOf(
      values["require-approval"],
      ["broadening", "never"] as const,
      "--require-approval",
      "broadening",
    );
    if (values.yes && values["require-approval"] === "broadening") {
      throw new UsageError("--yes contradicts --require-approval broadening");
    }
    const method = oneOf(values.method, ["change-set", "direct"] as const, "--method", "change-set");
    const policies = values["execution-policy"] ?? [];
    if (policies.length > 0 && !values.bootstrap) {
      throw new UsageError("--execution-policy applies to bootstrapping: add --bootstrap");
    }
    for (const arn of policies) {
      if (!POLICY_ARN.test(arn)) {
        throw new UsageError(`--execution-policy: "${arn}" is not an IAM managed policy ARN`);
      }
    }
    const options = toolkitRunOptions(values, io, project!);
    try {
      const deployed = await deployStacks({
        ...options,
        requireApproval: values.yes ? "never" : requested,
        method,
        ...(values.bootstrap ? { bootstrap: true } : {}),
        ...(policies.length > 0 ? { executionPolicies: policies } : {}),
      });
      for (const stack of deployed) io.stdout(`deployed ${stack.stackName}: ${stack.stackArn}\n`);
      return EXIT.ok;
    } catch (err) {
      return toolkitFailure("deploy", err, io);
    }
  },
});
