import { EXAMPLE_RULE_NAME } from "./example-rule.js";

/** `rulebridge.yaml`: the deploy settings with their defaults spelled out (deploy/settings-schema.ts). */
export const settingsText = `# yaml-language-server: $schema=./rules/settings.schema.json
# rulebridge project settings: read by \`rulebridge synth\`, checked by \`rulebridge check\`.
# Every key is optional; the values below are the defaults.
stackName: rulebridge
# Target account and region; leave out for an env-agnostic template.
# env:
#   account: "123456789012"
#   region: us-east-1
# Event bus for rules that do not set on.bus.
bus: default
# Name of the engine function (a KMS-encrypted Slack webhook's encryption context names it).
# functionName: rulebridge-engine
memory: 512 # MB
timeout: 60 # seconds
logRetentionDays: 30
tags:
  managed-by: rulebridge
# The project's own actions (see actions/README.md): paths relative to this file or package names.
# actions:
#   - ./actions/pagerduty-event.ts
`;

/** \`actions/README.md\`: the folder a project's own actions live in. */
export const actionsReadmeText = `# actions/

The project's own actions, beside rulebridge's built-ins. Each module (TypeScript or JavaScript,
no build step needed) default-exports an \`ActionDefinition\` (or an array of them) from
\`rulebridge/actions\`, and is named in \`rulebridge.yaml\`:

\`\`\`yaml
actions:
  - ./actions/pagerduty-event.ts
\`\`\`

Then \`npx rulebridge check\` validates rules that use it, \`npx rulebridge schema --write\` gives
editors its params, and \`npx rulebridge synth\` bundles it into the engine function with the IAM
it declares. rulebridge's docs/writing-actions.md explains the contract, with a complete example.
`;

export const gitignoreText = `node_modules/
cdk.out/
cdk.out.bundle/
`;

/**
 * `package.json` of the rules repository: rulebridge pinned to the exact version that wrote it, and
 * the CDK packages it builds on (its peer dependencies), which the project owns like any CDK app.
 */
export function packageJsonText(name: string, version: string, peers: Record<string, string> = {}): string {
  const devDependencies = Object.fromEntries(
    Object.entries({ ...peers, rulebridge: version }).sort(([a], [b]) => a.localeCompare(b)),
  );
  const manifest = {
    name,
    version: "0.0.0",
    private: true,
    description: "Event-driven AWS automation rules for rulebridge",
    scripts: {
      check: "rulebridge check",
      test: "rulebridge test",
      synth: "rulebridge synth",
      graph: "rulebridge graph",
    },
    engines: { node: ">=22" },
    devDependencies,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * A package name from the folder name: npm wants lower case and URL-safe characters, so
 * anything else becomes `-`; an empty result falls back to `rules`.
 */
export function packageNameFor(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[-._]+|[-._]+$/g, "")
    .slice(0, 214);
  return name === "" ? "rules" : name;
}

export function readmeText(name: string): string {
  return `# ${name}

Event-driven AWS automation with [rulebridge](https://www.npmjs.com/package/rulebridge): each rule
in \`rules/\` says which events (an EventBridge pattern or a CloudWatch alarm), under which
condition (JSON Logic) and what to do (actions).

## Getting started

\`\`\`sh
npm install            # installs the pinned rulebridge and writes package-lock.json (commit it: CI runs npm ci)
npx rulebridge check   # validate the rules and rulebridge.yaml
npx rulebridge test    # run the fixture cases (rules/*.test.yaml)
npx rulebridge synth   # the CloudFormation template, in cdk.out/ (offline, no credentials)
\`\`\`

## Layout

| path | what |
|---|---|
| \`rules/${EXAMPLE_RULE_NAME}.yaml\` | an example rule; one rule per YAML document |
| \`rules/${EXAMPLE_RULE_NAME}.test.yaml\` | its fixture cases: an event, whether it matches, the expected action params |
| \`rules/*.schema.json\` | JSON Schemas for editors: rules, fixture files and \`rulebridge.yaml\` (each file's first line names its schema); refresh with \`npx rulebridge schema --write rules\` after upgrading |
| \`rulebridge.yaml\` | deploy settings: stack name, account/region, bus, memory, timeout, log retention, tags |
| \`.github/workflows/rulebridge.yml\` | CI: check, test and synth on every pull request and push to main |

## Writing a rule

1. Add \`rules/<name>.yaml\` (the schema comment on its first line gives completion in editors).
2. Add \`rules/<name>.test.yaml\` with a case that matches and one that does not; \`npx rulebridge
   test --update\` fills a matching case's expected action params from what the rule renders.
3. \`npx rulebridge explain --event event.json\` says why a rule does or does not fire for an event,
   and \`npx rulebridge graph\` draws sources → rules → actions → targets.

## Deploying

\`npx rulebridge synth\` writes \`cdk.out/\`, a CDK cloud assembly (the workflow uploads its template).
\`npx rulebridge diff\` and \`npx rulebridge deploy\` compare and deploy it with your AWS credentials;
the AWS CDK CLI works on \`cdk.out\` too.
`;
}
