#!/usr/bin/env node
// Cold start of the deployed engine against a bare Node.js start, in one run on one machine:
//  - import the bundle + build the engine from the rule artifact + handle one event that matches nothing;
//  - the same, with one event whose SNS action really publishes (to a moto server this bench starts);
//  - that again with the idempotency table in moto, as the deployed function has it (a report, no target);
//  - the engine asset's size (bundle files + rule artifact), and what loading the engine reads of it.
// Each measure is a fresh `node` process (as a Lambda cold start is), interleaved with `node -e 0`
// so machine noise hits both alike; ratios are medians of the pairwise ratios. Everything it
// creates (a temp folder, the moto process) is removed before it exits, on failure too.
// The processes run on the deployed function's Node.js line (RUNTIME_NODE in scripts/setup-node.mjs,
// fetched once into .cache/node/), as Lambda would load the bundle; --node x.y.z picks another
// version, --node current the Node running this script.
// Run: npm run bench:cold-start [-- --runs N] [--json] [--keep] [--node x.y.z|current]
// --keep leaves the temp folder (the bundle and the two scripts, for `node --cpu-prof` and the like)
// and says where; the scripts then need a moto of their own at AWS_ENDPOINT_URL for the SNS case.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 15;
const json = args.includes("--json");
const keep = args.includes("--keep");
const nodeArg = args.includes("--node") ? args[args.indexOf("--node") + 1] : undefined;

const TARGETS = { noMatch: 2.0, snsAction: 3.0, assetBytes: 1_000_000 };

const { bundleEngine } = await import(join(root, "dist/deploy/bundle.js"));
const { loadDeployRules } = await import(join(root, "dist/deploy/synth.js"));
const { registerBuiltins } = await import(join(root, "dist/actions/builtins.js"));
const { ActionRegistry } = await import(join(root, "dist/engine/action/registry.js"));
const { installMoto } = await import(join(root, "scripts/services/install-moto.mjs"));
const { ensureNode, RUNTIME_NODE } = await import(join(root, "scripts/setup-node.mjs"));

const node = nodeArg === "current" ? process.execPath : ensureNode(nodeArg ?? RUNTIME_NODE);
const nodeVersion = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();

const work = mkdtempSync(join(tmpdir(), "rulebridge-bench-cold-"));
let moto;
try {
  const report = await bench();
  print(report);
} finally {
  moto?.kill("SIGTERM");
  if (keep) process.stderr.write(`cold-start: kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}

async function bench() {
  const registry = registerBuiltins(new ActionRegistry());
  const rules = await loadDeployRules(join(root, "rules"), registry);
  const asset = bundleEngine({ outDir: join(work, "engine"), rules: rules.rules, registry });
  const motoUrl = await startMoto();
  await createTopic(motoUrl, "ECSTaskErrorNotification");
  const table = "rulebridge-bench-idempotency";
  await createTable(motoUrl, table);

  const sample = (f) => JSON.parse(readFileSync(join(root, "examples/events", f), "utf8"));
  const noMatch = script("no-match", sample("ec2-instance-state-change-notification-pending.json"), {
    events: 1,
    matched: 0,
  });
  // Deploy's target input: the rule EventBridge matched, and the event.
  const sns = script(
    "sns-action",
    { rule: "ecs-essential-container-exited", event: sample("ecs-task-state-change-essential-exited.json") },
    { events: 1, matched: 1, changed: 1 },
  );
  // The same with the deployed function's DynamoDB idempotency table: each run a fresh event id,
  // or the second run would find the action done.
  const snsTable = script(
    "sns-action-table",
    { rule: "ecs-essential-container-exited", event: sample("ecs-task-state-change-essential-exited.json") },
    { events: 1, matched: 1, changed: 1 },
    "input.event.id = 'bench-' + process.pid + '-' + Date.now();",
  );
  const env = {
    PATH: process.env.PATH ?? "",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_ENDPOINT_URL: motoUrl,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
  };
  const time = (argv, extraEnv = {}) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(node, argv, { env: { ...env, ...extraEnv }, cwd: work, encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`node ${argv.join(" ")} failed (${r.status}): ${r.stderr}`);
    return ms;
  };

  const withTable = { RULEBRIDGE_IDEMPOTENCY_TABLE: table };
  const samples = { bare: [], noMatch: [], sns: [], snsTable: [] };
  time(["-e", "0"]); // warm the file cache once
  time([noMatch]);
  time([sns]);
  time([snsTable], withTable);
  for (let i = 0; i < runs; i++) {
    samples.bare.push(time(["-e", "0"]));
    samples.noMatch.push(time([noMatch]));
    samples.bare.push(time(["-e", "0"]));
    samples.sns.push(time([sns]));
    samples.bare.push(time(["-e", "0"]));
    samples.snsTable.push(time([snsTable], withTable));
  }
  const offset = { noMatch: 0, sns: 1, snsTable: 2 };
  const pairs = (name) => samples[name].map((x, i) => x / samples.bare[3 * i + offset[name]]);

  const files = readdirSync(asset, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const assetBytes = files.reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
  const startBytes = staticClosure(join(asset, "index.mjs")).reduce((n, f) => n + statSync(f).size, 0);
  return {
    node: nodeVersion,
    runs,
    nodeBareMs: median(samples.bare),
    noMatchMs: median(samples.noMatch),
    noMatchRatio: median(pairs("noMatch")),
    snsActionMs: median(samples.sns),
    snsActionRatio: median(pairs("sns")),
    snsWithTableMs: median(samples.snsTable),
    snsWithTableRatio: median(pairs("snsTable")),
    assetBytes,
    assetFiles: files.length,
    indexBytes: statSync(join(asset, "index.mjs")).size,
    ruleArtifactBytes: statSync(join(asset, "rules.json")).size,
    loadedAtStartBytes: startBytes,
    targets: TARGETS,
  };

  /** A script that imports the bundle, invokes the handler once, and fails unless the result is as expected. */
  function script(name, input, expected, prepare = "") {
    const file = join(work, `${name}.mjs`);
    writeFileSync(
      file,
      `const { handler } = await import(${JSON.stringify(pathToFileURL(join(asset, "index.mjs")).href)});
const input = ${JSON.stringify(input)};
${prepare}
const r = await handler(input, { getRemainingTimeInMillis: () => 10000, awsRequestId: "bench" });
const want = ${JSON.stringify(expected)};
const got = { events: r.events, matched: r.matched, ...(want.changed !== undefined ? { changed: r.actions.changed } : {}) };
if (JSON.stringify(got) !== JSON.stringify(want)) { console.error("unexpected result", JSON.stringify(r)); process.exit(1); }
`,
    );
    return file;
  }
}

/** The files loading `entry` reads: its static imports, transitively (dynamic imports wait for use). */
function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /(?:import|export)\s*(?:[\w$*{][^"'()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
    )) {
      visit(resolve(dirname(file), m[1]));
    }
  };
  visit(entry);
  return [...seen];
}

/** The pinned moto of the test setup (installed on first use), on a free loopback port. */
async function startMoto() {
  // Progress on stderr: with --json, stdout is the report alone.
  const { motoServer } = await installMoto({ say: (m) => process.stderr.write(`[setup-services] ${m}\n`) });
  moto = spawn(motoServer, ["-H", "127.0.0.1", "-p", "0"], {
    cwd: work,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? work, LANG: "C.UTF-8" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  return await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`moto did not start in 60 s:\n${log}`)), 60_000);
    const read = (chunk) => {
      log += chunk;
      const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      if (port) {
        clearTimeout(timer);
        done(`http://127.0.0.1:${port}`);
      }
    };
    moto.stdout.on("data", read);
    moto.stderr.on("data", read);
    moto.on("exit", (code) => fail(new Error(`moto exited (${code}):\n${log}`)));
  });
}

async function createTopic(url, name) {
  const { SNSClient, CreateTopicCommand } = await import("@aws-sdk/client-sns");
  const client = new SNSClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  await client.send(new CreateTopicCommand({ Name: name }));
  client.destroy();
}

async function createTable(url, name) {
  const { DynamoDBClient, CreateTableCommand } = await import("@aws-sdk/client-dynamodb");
  const client = new DynamoDBClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  client.destroy();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function print(r) {
  if (json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const mark = (ok) => (ok ? "met" : "NOT met");
  process.stdout.write(
    `${[
      `node -e 0 (Node ${r.node}):                   ${r.nodeBareMs.toFixed(1)} ms (median of ${r.runs * 3})`,
      `import + engine + first non-matching event:    ${r.noMatchMs.toFixed(1)} ms = ${r.noMatchRatio.toFixed(2)}x bare node (target <= ${r.targets.noMatch}x: ${mark(r.noMatchRatio <= r.targets.noMatch)})`,
      `import + engine + first event, SNS to moto:    ${r.snsActionMs.toFixed(1)} ms = ${r.snsActionRatio.toFixed(2)}x bare node (target <= ${r.targets.snsAction}x: ${mark(r.snsActionRatio <= r.targets.snsAction)})`,
      `  the same with the idempotency table in moto: ${r.snsWithTableMs.toFixed(1)} ms = ${r.snsWithTableRatio.toFixed(2)}x bare node (as deployed; no target)`,
      `engine asset: ${kb(r.assetBytes)} in ${r.assetFiles} files (target <= ${kb(r.targets.assetBytes)}: ${mark(r.assetBytes <= r.targets.assetBytes)})`,
      `  index.mjs ${kb(r.indexBytes)}, rules.json ${kb(r.ruleArtifactBytes)}; read at start (index + static chunks): ${kb(r.loadedAtStartBytes)}`,
    ].join("\n")}\n`,
  );
}
