import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { App } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { RuleBridgeStack } from "../../deploy/rulebridge-stack.js";
import { DEFAULT_SETTINGS } from "../../deploy/settings.js";
import { loadDeployRules, type SynthResult, synthesize } from "../../deploy/synth.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import type { ActionDefinition } from "../../engine/action/types.js";
// @ts-expect-error: a plain-Node script without type declarations.
import { ensureNode, RUNTIME_NODE } from "../../scripts/setup-node.mjs";
import { cfnLint, ensureCfnLint } from "../support/cfn-lint.js";
import { awsClientConfig, awsTestEnv, uniqueName } from "../support/services/index.js";
import { SEED_RULES, scratchDir } from "./fixture.js";

/**
 * The synthesized engine as Lambda runs it: the bundle imported by a fresh Node process, its
 * handler invoked, real SNS (moto) and a loopback HTTP receiver behind the actions. The project
 * has the seed rules plus its own actions, one TypeScript and one JavaScript module.
 */

const TS_ACTION = `
interface Input { params: Record<string, unknown>; services: { fetch: typeof fetch }; signal: AbortSignal }
const teamsPost = {
  type: "teams-post",
  description: "Post a message to a Teams-style webhook",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["url", "text"],
    properties: { url: { type: "string" }, text: { type: "string" } },
  },
  iam: () => [{ actions: ["ssm:GetParameter"], resources: ["arn:aws:ssm:us-east-1:123456789012:parameter/teams/webhook"] }],
  plan: ({ params }: Input) => ({ type: "teams-post", summary: "post " + String(params.text), steps: [] }),
  async run({ params, services, signal }: Input): Promise<{ status: "changed"; summary: string }> {
    const body = JSON.stringify({ from: "teams-post", text: params.text });
    const r = await services.fetch(String(params.url), { method: "POST", body, signal });
    return { status: "changed", summary: "posted " + r.status };
  },
};
export default teamsPost;
`;

const JS_ACTION = `
export default [
  {
    type: "pager-trigger",
    description: "Trigger a page",
    paramsSchema: { type: "object", additionalProperties: false, required: ["url", "summary"], properties: { url: { type: "string" }, summary: { type: "string" } } },
    iam: () => [],
    plan: ({ params }) => ({ type: "pager-trigger", summary: "page " + params.summary, steps: [] }),
    secretPatterns: [{ id: "pager-token", label: "a pager token", pattern: /pgr_[A-Za-z0-9]{16}/ }],
    async run({ params, services, signal }) {
      const body = JSON.stringify({ from: "pager-trigger", summary: params.summary });
      const r = await services.fetch(params.url, { method: "POST", body, signal });
      return { status: "changed", summary: "paged " + r.status };
    },
  },
];
`;

const CUSTOM_RULE = `
name: custom-release
on: { pattern: { source: [custom.release] } }
actions:
  - type: teams-post
    url: "{{ event.detail.hook }}"
    text: "released {{ event.detail.version }}"
  - type: pager-trigger
    url: "{{ event.detail.hook }}"
    summary: "release {{ event.detail.version }}"
`;

let project: string;
let actionModules: string[];
let registry: ActionRegistry;
let synth: SynthResult;
let asset: string;
let receiver: Server;
let hookUrl: string;
const received: { path: string; body: unknown }[] = [];

async function actionDefinitions(modules: readonly string[]): Promise<ActionDefinition[]> {
  const out: ActionDefinition[] = [];
  for (const m of modules) {
    const loaded = (await import(pathToFileURL(m).href)) as {
      default: ActionDefinition | ActionDefinition[];
    };
    out.push(...(Array.isArray(loaded.default) ? loaded.default : [loaded.default]));
  }
  return out;
}

beforeAll(async () => {
  project = scratchDir("rulebridge-project-");
  const rulesDir = join(project, "rules");
  cpSync(SEED_RULES, rulesDir, { recursive: true, filter: (src) => !src.endsWith(".json") });
  writeFileSync(join(rulesDir, "custom-release.yaml"), CUSTOM_RULE);
  actionModules = [join(project, "actions", "teams.ts"), join(project, "actions", "pager.mjs")];
  mkdirSync(join(project, "actions"));
  writeFileSync(actionModules[0]!, TS_ACTION);
  writeFileSync(actionModules[1]!, JS_ACTION);
  registry = registerBuiltins(new ActionRegistry());
  for (const d of await actionDefinitions(actionModules)) registry.register(d);
  synth = await synthesize({ rulesDir, outDir: join(project, "cdk.out"), registry, actionModules });
  asset = join(project, "cdk.out.bundle", "engine");

  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  const address = receiver.address() as { port: number };
  hookUrl = `http://127.0.0.1:${address.port}/hook`;
  await new SNSClient(awsClientConfig()).send(new CreateTopicCommand({ Name: "ECSTaskErrorNotification" }));
}, 300_000);

afterAll(async () => {
  await new Promise((done) => receiver?.close(done));
});

interface Invocation {
  status: number | null;
  result?: Record<string, unknown>;
  lines: Record<string, unknown>[];
  stderr: string;
  /** The heavy built-ins the process loaded (crypto, https, tls, undici). */
  loaded: string[];
}

/** An event of the custom rule's source, for the release `version`, to the loopback receiver. */
function releaseEvent(n: number, version: string): Record<string, unknown> {
  return {
    version: "0",
    id: `7f0f8f0e-0000-4000-8000-00000000000${n}`,
    "detail-type": "Release",
    source: "custom.release",
    account: "123456789012",
    time: "2026-01-02T03:04:05Z",
    region: "us-east-1",
    resources: [],
    detail: { hook: hookUrl, version },
  };
}

/** A fresh Node process imports the bundle (a cold start) and invokes its handler once. */
function invoke(
  input: unknown,
  env: Record<string, string> = {},
  node: string = process.execPath,
): Promise<Invocation> {
  const script = [
    `const { handler } = await import(${JSON.stringify(pathToFileURL(join(asset, "index.mjs")).href)});`,
    "const input = JSON.parse(process.argv[1]);",
    "const context = { getRemainingTimeInMillis: () => 20000, awsRequestId: 'req-0001', functionName: 'rulebridge-engine' };",
    "const result = await handler(input, context);",
    "process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');",
    "const heavy = process.moduleLoadList.filter((m) => /^NativeModule (crypto|https|tls|undici)$/.test(m));",
    "process.stdout.write('LOADED ' + JSON.stringify(heavy) + '\\n');",
  ].join("\n");
  return new Promise((done) => {
    // spawnSync would block the loopback receiver in this process: run it asynchronously.
    import("node:child_process").then(({ spawn }) => {
      const child = spawn(node, ["--input-type=module", "-e", script, JSON.stringify(input)], {
        cwd: project,
        // As Lambda sets it for an on-demand function: Powertools reports its first invocation as cold.
        env: {
          PATH: process.env.PATH ?? "",
          AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
          ...awsTestEnv(),
          ...env,
        },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        err += d.toString();
      });
      child.on("close", (status) => {
        const lines: Record<string, unknown>[] = [];
        let result: Record<string, unknown> | undefined;
        let loaded: string[] = [];
        for (const line of `${out}\n${err}`.split("\n")) {
          if (line.startsWith("RESULT ")) result = JSON.parse(line.slice(7));
          else if (line.startsWith("LOADED ")) loaded = JSON.parse(line.slice(7));
          else if (line.startsWith("{")) lines.push(JSON.parse(line));
        }
        done({ status, ...(result ? { result } : {}), lines, stderr: err, loaded });
      });
    });
  });
}

const sample = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve("examples/events", file), "utf8"));

/** The chunks a module imports statically (what loading it loads), transitively. */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /(?:import|export)\s*(?:[\w$*{][^"'()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
    )) {
      visit(resolve(dirname(file), m[1]!));
    }
  };
  visit(entry);
  return [...seen];
}

describe("the synthesized engine bundle", () => {
  it("is the minified bundle, its chunks and the rule artifact: under 1 MB", () => {
    const files = readdirSync(asset, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(asset.length + 1));
    expect(files.filter((f) => f.endsWith(".map") || f.endsWith(".yaml"))).toEqual([]);
    const bytes = (f: string) => readFileSync(join(asset, f)).length;
    const total = files
      .filter((f) => f.endsWith(".mjs") || f.endsWith(".json"))
      .reduce((n, f) => n + bytes(f), 0);
    expect(total).toBeLessThan(1_000_000);
  });

  it("loads no SDK client, YAML parser, ajv, liquidjs or json-logic-js at import: they sit in chunks loaded on first use", () => {
    const loaded = staticClosure(join(asset, "index.mjs")).map((f) => readFileSync(f, "utf8"));
    const text = loaded.join("\n");
    for (const marker of [
      "com.amazonaws.ec2",
      "com.amazonaws.dynamodb",
      // sns-publish's own Publish (publish-client.ts), loaded with the actions.
      "MessageAttributes.entry.",
      "YAMLParseError",
      "strictSchema",
      // liquidjs and json-logic-js load once an event matches a rule (handler/evaluation-loader.ts).
      "strictVariables",
      "Unrecognized operation",
      // The pattern automaton: a cold start walks its first events (engine/pattern/automaton-source.ts).
      '"MatchAutomaton"',
    ]) {
      expect(text.includes(marker), marker).toBe(false);
    }
    // And the clients are there, for when an action needs them.
    const all = readdirSync(join(asset, "chunks")).map((f) => readFileSync(join(asset, "chunks", f), "utf8"));
    expect(all.some((t) => t.includes("com.amazonaws.ec2"))).toBe(true);
    expect(all.some((t) => t.includes("MessageAttributes.entry."))).toBe(true);
    // sns-publish publishes by hand: the SDK's SNS client is not in the asset at all.
    expect(all.some((t) => t.includes("com.amazonaws.sns"))).toBe(false);
    expect(all.some((t) => t.includes("strictVariables"))).toBe(true);
    expect(all.some((t) => t.includes("Unrecognized operation"))).toBe(true);
    expect(all.some((t) => t.includes('"MatchAutomaton"'))).toBe(true);
  });

  it("reads AWS credentials from the environment only: no SSO, STS, profile or metadata providers", () => {
    const all = [
      readFileSync(join(asset, "index.mjs"), "utf8"),
      ...readdirSync(join(asset, "chunks")).map((f) => readFileSync(join(asset, "chunks", f), "utf8")),
    ].join("\n");
    for (const provider of [
      "fromSSO",
      "fromWebToken",
      "fromIni",
      "fromInstanceMetadata",
      "fromContainerMetadata",
    ]) {
      expect(all.includes(`"${provider}"`), provider).toBe(false);
    }
    expect(all).toContain("Unable to find environment variable credentials.");
  });

  it("gives a require (node:module) only to the files that use one", () => {
    const files = [
      join(asset, "index.mjs"),
      ...readdirSync(join(asset, "chunks")).map((f) => join(asset, "chunks", f)),
    ];
    const shim = "__rulebridgeCreateRequire";
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const rest = text.replace(/^import \{ createRequire as __rulebridgeCreateRequire \}.*\n.*\n/, "");
      expect(text.includes(shim), file).toBe(/\brequire\b/.test(rest));
    }
    expect(readFileSync(join(asset, "index.mjs"), "utf8").includes(shim)).toBe(false);
  });

  it("reaches Node's built-ins through process.getBuiltinModule, never an ES import", () => {
    // An ES import of a built-in builds a facade that reads every export, lazy getters included
    // (on Node 24, node:http's loads undici).
    const files = [
      join(asset, "index.mjs"),
      ...readdirSync(join(asset, "chunks")).map((f) => join(asset, "chunks", f)),
    ];
    const builtinImport =
      /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'](?:node:)?(?:fs|http|https|crypto|util|process|stream|os|path|zlib|net|url|buffer|console|async_hooks|child_process)(?:\/[a-z]+)?["']/;
    for (const file of files) {
      const text = readFileSync(file, "utf8").replace(
        /^import \{ createRequire as __rulebridgeCreateRequire \} from "node:module";\n/,
        "",
      );
      expect(builtinImport.exec(text)?.[0], file).toBeUndefined();
    }
    const all = files.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(all).toContain('process.getBuiltinModule("node:http")');
  });

  it("handles an event that matches nothing, logging one JSON line through Powertools", async () => {
    const run = await invoke(sample("ec2-instance-state-change-notification-pending.json"), {
      _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
    });
    expect(run.stderr).toBe("");
    expect(run.result).toMatchObject({ events: 1, matched: 0 });
    const line = run.lines.find((l) => l.message === "rulebridge event");
    expect(line).toMatchObject({
      level: "INFO",
      service: "rulebridge",
      cold_start: true,
      function_request_id: "req-0001",
      function_name: "rulebridge-engine",
      xray_trace_id: "1-5759e988-bd862e3fe1be46a994272793",
      failed: false,
      decisions: [],
    });
    expect(typeof line?.timestamp).toBe("string");
  });

  it("drops info lines when Lambda's log level is WARN, and keeps metric documents as they are", async () => {
    const run = await invoke(sample("ec2-instance-state-change-notification-pending.json"), {
      AWS_LAMBDA_LOG_LEVEL: "WARN",
    });
    expect(run.result).toMatchObject({ events: 1 });
    expect(run.lines.filter((l) => l.message === "rulebridge event")).toEqual([]);
    expect(run.lines.some((l) => "_aws" in l)).toBe(true);
  });

  it("runs the SNS action of the rule the input names, against moto", async () => {
    const run = await invoke({
      rule: "ecs-essential-container-exited",
      event: sample("ecs-task-state-change-essential-exited.json"),
    });
    expect(run.result).toMatchObject({ events: 1, matched: 1, actions: { changed: 1, failed: 0 } });
    const line = run.lines.find((l) => l.message === "rulebridge event") as {
      decisions: { actions: { type: string; status: string }[] }[];
    };
    expect(line.decisions[0]?.actions).toMatchObject([{ type: "sns-publish", status: "changed" }]);
    // Publishing signs with pure-JS SHA-256 and talks plain HTTP to moto: no crypto, no TLS.
    expect(run.loaded).toEqual([]);
  });

  it("keeps idempotency records in DynamoDB: a redelivered event does not publish twice", async () => {
    const table = uniqueName("rulebridge-bundle");
    await new DynamoDBClient(awsClientConfig()).send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    const input = {
      rule: "ecs-essential-container-exited",
      event: { ...sample("ecs-task-state-change-essential-exited.json"), id: uniqueName("event") },
    };
    const env = { RULEBRIDGE_IDEMPOTENCY_TABLE: table };
    expect((await invoke(input, env)).result).toMatchObject({ actions: { changed: 1 } });
    // The second cold start finds the record (a conditional write refused, through the lazy client).
    expect((await invoke(input, env)).result).toMatchObject({
      actions: { changed: 0, "skipped-duplicate": 1, failed: 0 },
    });
  });

  it("runs tag-from-template through the tree-shaken EC2 client chunk, against moto", async () => {
    const event = sample("autoscaling-ec2-instance-launch-successful.json") as {
      region: string;
      detail: Record<string, unknown>;
    };
    // The action describes the instance in the event's region.
    const ec2 = new EC2Client({ ...awsClientConfig(), region: event.region });
    const tags = { Region: "use1", App: "store", Layer: "web", Env: "release", Group: "a" };
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: "ami-12c6146b",
        InstanceType: "t3.micro",
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [
          { ResourceType: "instance", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
        ],
      }),
    );
    const instance = launched.Instances?.[0];
    event.detail.EC2InstanceId = instance?.InstanceId;
    const run = await invoke({ rule: "asg-launch-name-tag", event });
    expect(run.result).toMatchObject({ matched: 1, actions: { changed: 1, failed: 0 } });
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance!.InstanceId!] }));
    const name = described.Reservations?.[0]?.Instances?.[0]?.Tags?.find((t) => t.Key === "Name")?.Value;
    const octets = instance!.PrivateIpAddress!.split(".").slice(2).join("-");
    expect(name).toBe(`use1-store-web-release-a-${octets}`);
  });

  it("registers the project's TypeScript and JavaScript actions and runs them", async () => {
    received.length = 0;
    const run = await invoke(releaseEvent(1, "1.2.3"));
    expect(run.result).toMatchObject({ matched: 1, actions: { changed: 2, failed: 0 } });
    expect(received.map((r) => r.body)).toEqual([
      { from: "teams-post", text: "released 1.2.3" },
      { from: "pager-trigger", summary: "release 1.2.3" },
    ]);
  });

  it("scrubs a line of an event that matches nothing with a project action's secret patterns", async () => {
    // The actions' code is not loaded for such an event: the entry declares their patterns.
    const token = "pgr_ABCDEFGHIJKLMNOP";
    const run = await invoke({ ...sample("ec2-instance-state-change-notification-pending.json"), id: token });
    expect(run.result).toMatchObject({ events: 1, matched: 0 });
    expect(run.lines.some((l) => l.message === "rulebridge event")).toBe(true);
    expect(JSON.stringify(run.lines)).not.toContain(token);
  });

  it("keeps the actions' code out of the entry: one chunk, loaded when an event is first evaluated", () => {
    const entry = readFileSync(join(asset, "index.mjs"), "utf8");
    for (const marker of ["planSnsPublish", "runSnsPublish", '"posted "', '"paged "']) {
      expect(entry.includes(marker), marker).toBe(false);
    }
    expect(entry).toMatch(/declared:\[[^\]]*\{type:"pager-trigger",secretPatterns:/);
    const chunks = readdirSync(join(asset, "chunks")).map((f) =>
      readFileSync(join(asset, "chunks", f), "utf8"),
    );
    expect(chunks.filter((t) => t.includes("planSnsPublish"))).toHaveLength(1);
  });

  it("handles an event that matches nothing without loading node:crypto, node:http or the actions", () => {
    const event = sample("ec2-instance-state-change-notification-pending.json");
    const script = [
      `const { handler } = await import(${JSON.stringify(pathToFileURL(join(asset, "index.mjs")).href)});`,
      `const r = await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 20000, awsRequestId: "r" });`,
      "const loaded = process.moduleLoadList.filter((m) => /^NativeModule (crypto|http|https|undici)$/.test(m));",
      "process.stderr.write(JSON.stringify({ matched: r.matched, loaded }));",
    ].join("\n");
    const node = (ensureNode as (v: string) => string)(RUNTIME_NODE as string);
    for (const bin of [process.execPath, node]) {
      const r = spawnSync(bin, ["--input-type=module", "-e", script], {
        env: { PATH: process.env.PATH ?? "", ...awsTestEnv() },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stderr), bin).toEqual({ matched: 0, loaded: [] });
    }
  }, 120_000);

  it("matches alike before and after the automaton arrives: many events in one process", async () => {
    // The first 8 matches walk; the 9th asks for the automaton, which loads meanwhile.
    const nothing = sample("ec2-instance-state-change-notification-pending.json");
    const events = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0 ? { ...nothing, id: `many-${i}` } : { ...releaseEvent(1, `9.${i}.0`), id: `release-${i}` },
    );
    const script = [
      `const { handler } = await import(${JSON.stringify(pathToFileURL(join(asset, "index.mjs")).href)});`,
      `const events = ${JSON.stringify(events)};`,
      "const matched = [];",
      "for (const [i, event] of events.entries()) {",
      '  const r = await handler(event, { getRemainingTimeInMillis: () => 20000, awsRequestId: "r" + i });',
      "  matched.push(r.matched);",
      "  await new Promise((done) => setTimeout(done, 5));",
      "}",
      "process.stdout.write('MATCHED ' + JSON.stringify(matched) + '\\n');",
    ].join("\n");
    received.length = 0;
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: { PATH: process.env.PATH ?? "", ...awsTestEnv() },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const status = await new Promise((done) => child.on("close", done));
    expect(status).toBe(0);
    const line = out.split("\n").find((l) => l.startsWith("MATCHED ")) ?? "MATCHED null";
    expect(JSON.parse(line.slice(8))).toEqual(events.map((_, i) => (i % 2 === 0 ? 0 : 1)));
    // Each release event runs both of the custom rule's actions.
    expect(received).toHaveLength(24);
  }, 120_000);

  it("runs on the deployed function's Node.js line", async () => {
    const node = (ensureNode as (v: string) => string)(RUNTIME_NODE as string);
    const nothing = await invoke(sample("ec2-instance-state-change-notification-pending.json"), {}, node);
    expect(nothing.stderr).toBe("");
    expect(nothing.result).toMatchObject({ events: 1, matched: 0 });
    received.length = 0;
    const custom = await invoke(releaseEvent(2, "2.0.0"), {}, node);
    expect(custom.result).toMatchObject({ matched: 1, actions: { changed: 2, failed: 0 } });
    expect(received.map((r) => r.body)).toEqual([
      { from: "teams-post", text: "released 2.0.0" },
      { from: "pager-trigger", summary: "release 2.0.0" },
    ]);
  }, 120_000);

  it.each([
    {
      what: "an edited rule artifact",
      edit: (text: string) => text.replace("released", "RELEASED"),
      message: /RuleArtifactError: rulebridge: .*rules\.json does not match its content hash/,
    },
    {
      what: "an artifact written for another rule schema",
      edit: (text: string) => {
        expect(text).toMatch(/"schemaHash":"[0-9a-f]{64}"/);
        return text.replace(/"schemaHash":"[0-9a-f]{64}"/, `"schemaHash":"${"0".repeat(64)}"`);
      },
      message: /RuleArtifactError: rulebridge: .*rules\.json was written for another rule schema/,
    },
  ])("refuses to start with $what, saying so", ({ edit, message }) => {
    const copy = scratchDir("rulebridge-asset-");
    cpSync(asset, copy, { recursive: true });
    const artifact = join(copy, "rules.json");
    writeFileSync(artifact, edit(readFileSync(artifact, "utf8")));
    const r = spawnSync(process.execPath, [
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(pathToFileURL(join(copy, "index.mjs")).href)})`,
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.toString()).toMatch(message);
  });
});

describe("the project's actions in the stack", () => {
  it("puts the TypeScript module's IAM statement in the engine's role", () => {
    const policies = Object.values(
      synth.template.Resources as Record<string, { Type: string; Properties: unknown }>,
    )
      .filter((r) => r.Type === "AWS::IAM::Role")
      .map((r) => JSON.stringify(r.Properties));
    expect(policies.join("\n")).toContain("arn:aws:ssm:us-east-1:123456789012:parameter/teams/webhook");
  });

  it("passes cdk-nag with no unacknowledged error", async () => {
    const set = await loadDeployRules(join(project, "rules"), registry);
    const app = new App({ outdir: scratchDir("rulebridge-out-"), analyticsReporting: false });
    const stack = new RuleBridgeStack(app, "Custom", {
      rules: set.rules,
      registry,
      actionModules,
      bundleDir: join(scratchDir("rulebridge-bundle-"), "engine"),
      settings: { ...DEFAULT_SETTINGS, tags: {} },
    });
    const errors = new AwsSolutionsChecks()
      .validateScope(stack)
      .violations.filter((v) => v.severity === "error");
    expect(errors.map((v) => v.ruleName)).toEqual([]);
  });

  it("passes cfn-lint with no error", async () => {
    await ensureCfnLint();
    const findings = await cfnLint(synth.templatePath, { regions: ["us-east-1"] });
    expect(findings.filter((f) => f.level === "Error")).toEqual([]);
  }, 600_000);
});
