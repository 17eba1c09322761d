import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { registerBuiltins } from "../../actions/builtins.js";
import { cli } from "../../cli/cli.js";
import { schemaText } from "../../cli/commands/schema.js";
import { packageNameFor } from "../../cli/init/index.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { memoryIo } from "../support/memory-io.js";

const WORKFLOW = readFileSync("examples/github-workflow.yml", "utf8");
const OWN = JSON.parse(readFileSync("package.json", "utf8")) as {
  version: string;
  peerDependencies: Record<string, string>;
};
const VERSION = OWN.version;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rulebridge-init-"));
  scratch.push(dir);
  return dir;
}

/** `rulebridge init my-rules` run from a fresh folder: the new repository's path. */
async function initRepository(): Promise<string> {
  const parent = scratchDir();
  const io = memoryIo({ cwd: parent });
  expect(await cli(["init", "my-rules"], io)).toBe(0);
  expect(io.err).toBe("");
  return join(parent, "my-rules");
}

const FILES = [
  "rules/ec2-instance-stopped.yaml",
  "rules/ec2-instance-stopped.test.yaml",
  "rules/rule.schema.json",
  "rules/fixture.schema.json",
  "rules/settings.schema.json",
  "rulebridge.yaml",
  "actions/README.md",
  ".github/workflows/rulebridge.yml",
  "package.json",
  "README.md",
  ".gitignore",
];

describe("rulebridge init", () => {
  let repo: string;
  beforeAll(async () => {
    repo = await initRepository();
  });

  it("writes the repository's files and says so", async () => {
    for (const file of FILES) expect(existsSync(join(repo, file)), file).toBe(true);
    const io = memoryIo({ cwd: scratchDir() });
    expect(await cli(["init"], io)).toBe(0);
    expect(io.out.split("\n").filter((l) => l.startsWith("created "))).toEqual(
      FILES.map((f) => `created ${f}`),
    );
    for (const file of FILES) expect(existsSync(join(io.cwd, file)), file).toBe(true);
  });

  it("ships the schema `rulebridge schema` prints, referenced by the example rule", () => {
    const schema = readFileSync(join(repo, "rules/rule.schema.json"), "utf8");
    expect(schema).toBe(schemaText(registerBuiltins(new ActionRegistry())));
    const rule = readFileSync(join(repo, "rules/ec2-instance-stopped.yaml"), "utf8");
    expect(rule.split("\n")[0]).toBe("# yaml-language-server: $schema=./rule.schema.json");
  });

  it.each([
    ["fixture", "rules/fixture.schema.json", "rules/ec2-instance-stopped.test.yaml", "./fixture.schema.json"],
    ["settings", "rules/settings.schema.json", "rulebridge.yaml", "./rules/settings.schema.json"],
  ] as const)(
    "ships the %s editor schema, referenced by the first line of its file",
    (kind, schemaFile, file, ref) => {
      const schema = readFileSync(join(repo, schemaFile), "utf8");
      expect(schema).toBe(schemaText(registerBuiltins(new ActionRegistry()), kind));
      expect(JSON.parse(schema).$schema).toBe("http://json-schema.org/draft-07/schema#");
      expect(readFileSync(join(repo, file), "utf8").split("\n")[0]).toBe(
        `# yaml-language-server: $schema=${ref}`,
      );
    },
  );

  it("copies examples/github-workflow.yml byte for byte and pins this rulebridge and its CDK peers", () => {
    expect(readFileSync(join(repo, ".github/workflows/rulebridge.yml"), "utf8")).toBe(WORKFLOW);
    const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
      name: string;
      devDependencies: Record<string, string>;
    };
    expect(manifest.name).toBe("my-rules");
    expect(manifest.devDependencies).toEqual({
      "aws-cdk-lib": OWN.peerDependencies["aws-cdk-lib"],
      constructs: OWN.peerDependencies.constructs,
      rulebridge: VERSION,
    });
    expect(OWN.peerDependencies["aws-cdk-lib"]).toMatch(/^\^2\./);
  });

  it.each([
    [["check"], /1 rule\(s\) in 1 file\(s\): 0 error\(s\), 0 warning\(s\)/],
    [["test"], /\n3 passed, 0 failed\n$/],
    [["synth"], /rulebridge\.template\.json\n$/],
  ])("the new repository passes %j", async (argv, out) => {
    const io = memoryIo({ cwd: repo });
    expect(await cli(argv, io)).toBe(0);
    expect(io.err).toBe("");
    expect(io.out).toMatch(out);
  });

  it("refuses to overwrite, naming each existing file, and writes nothing", async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, "rulebridge.yaml"), "stackName: mine\n");
    mkdirSync(join(dir, "rules"));
    writeFileSync(join(dir, "rules/rule.schema.json"), "{}\n");
    const io = memoryIo({ cwd: dir });
    expect(await cli(["init"], io)).toBe(2);
    expect(io.err).toContain(`${join(dir, "rulebridge.yaml")} already exists`);
    expect(io.err).toContain(`${join(dir, "rules/rule.schema.json")} already exists`);
    expect(io.err).toContain("--force");
    expect(io.out).toBe("");
    expect(readFileSync(join(dir, "rulebridge.yaml"), "utf8")).toBe("stackName: mine\n");
    expect(readdirSync(dir).sort()).toEqual(["rulebridge.yaml", "rules"]);
    expect(readdirSync(join(dir, "rules"))).toEqual(["rule.schema.json"]);
  });

  it("--force overwrites and says which files it replaced", async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, "rulebridge.yaml"), "stackName: mine\n");
    const io = memoryIo({ cwd: dir });
    expect(await cli(["init", "--force"], io)).toBe(0);
    expect(io.out).toContain("overwrote rulebridge.yaml\n");
    expect(io.out).toContain("created package.json\n");
    expect(readFileSync(join(dir, "rulebridge.yaml"), "utf8")).toContain("stackName: rulebridge");
  });

  it.each([
    [["init", "a", "b"], /unexpected argument "b"/],
    [["init", "--bogus"], /Unknown option '--bogus'/],
  ])("%j is a usage error", async (argv, text) => {
    const io = memoryIo({ cwd: scratchDir() });
    expect(await cli(argv, io)).toBe(2);
    expect(io.err).toMatch(text);
  });

  it("--help describes the command", async () => {
    const io = memoryIo();
    expect(await cli(["init", "--help"], io)).toBe(0);
    expect(io.out).toContain("Usage: rulebridge init [dir] [--force]");
  });

  it.each([
    ["my-rules", "my-rules"],
    ["My Rules!", "my-rules"],
    ["__", "rules"],
    [".hidden", "hidden"],
  ])("package name for folder %j is %j", (folder, name) => {
    expect(packageNameFor(folder)).toBe(name);
  });
});

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

describe("examples/github-workflow.yml", () => {
  const workflow = parseYaml(WORKFLOW) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: WorkflowStep[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it("runs on pull requests and pushes", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
  });

  it("checks out, sets up Node, installs, then checks, tests, synthesizes and uploads, in order", () => {
    const what = steps.map((s) => s.uses?.replace(/@.*$/, "") ?? s.run);
    expect(what).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci",
      "npx rulebridge check --format github",
      "npx rulebridge test --format github",
      expect.stringContaining("npx rulebridge replay events --rules rules --base-rules"),
      "npx rulebridge synth",
      "actions/upload-artifact",
    ]);
  });

  it("each `npx rulebridge …` step succeeds in a repository made by init, and the artifact exists", async () => {
    const repo = await initRepository();
    const runs = steps.flatMap((s) => (s.run?.startsWith("npx rulebridge ") ? [s.run] : []));
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      const io = memoryIo({ cwd: repo });
      const code = await cli(run.split(/\s+/).slice(2), io);
      expect({ run, code, err: io.err }).toEqual({ run, code: 0, err: "" });
      expect(io.out, run).not.toContain("::error");
    }
    // The impact step's replay, with the base branch's rules as the repository's own: nothing changed.
    const replay = steps.find((s) => s.run?.includes("npx rulebridge replay"))?.run ?? "";
    const line = replay.split("\n").find((l) => l.startsWith("npx rulebridge replay")) ?? "";
    mkdirSync(join(repo, "events"));
    writeFileSync(
      join(repo, "events/ecs.json"),
      readFileSync("examples/events/ecs-task-state-change-essential-exited.json"),
    );
    const argv = line
      .replace(/\s*>>.*$/, "")
      .replace('"$RUNNER_TEMP/base/rules"', "rules")
      .split(/\s+/)
      .slice(2);
    const io = memoryIo({ cwd: repo });
    expect(await cli(argv, io)).toBe(0);
    expect(io.out).toContain("### rulebridge replay: impact of this change");
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
    const path = String(upload?.with?.path);
    const [folder, pattern] = path.split("/") as [string, string];
    const suffix = pattern.replace(/^\*/, "");
    expect(readdirSync(join(repo, folder)).filter((f) => f.endsWith(suffix))).toEqual([
      "rulebridge.template.json",
    ]);
  });
});
