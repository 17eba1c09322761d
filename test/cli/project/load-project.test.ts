import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../../cli/cli.js";
import { findSettings, loadProject } from "../../../cli/project/load-project.js";
import { memoryIo } from "../../support/memory-io.js";

const FIXTURE = join(process.cwd(), "test/fixtures/project-actions");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const RULE = `name: uses-ping
on:
  pattern:
    source: [aws.ecs]
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t
`;

/** A project in a temp folder: settings naming `modules`, plus the given files. */
function project(modules: string[], files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "rulebridge-project-"));
  made.push(dir);
  mkdirSync(join(dir, "rules"));
  writeFileSync(join(dir, "rules", "r.yaml"), RULE);
  const list = modules.map((m) => `  - ${JSON.stringify(m)}`).join("\n");
  writeFileSync(join(dir, "rulebridge.yaml"), `stackName: p\n# the project's actions\nactions:\n${list}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PING = `export default {
  type: "ping",
  description: "ping",
  paramsSchema: { type: "object", additionalProperties: false, properties: {} },
  iam: () => [],
  plan: () => ({ type: "ping", summary: "ping", steps: [] }),
};
`;

describe("loadProject", () => {
  it("finds rulebridge.yaml in the working directory's nearest parent", async () => {
    const p = await loadProject({ cwd: join(FIXTURE, "rules") });
    expect(p.root).toBe(FIXTURE);
    expect(p.rulesDir).toBe(join(FIXTURE, "rules"));
    expect(p.problems).toEqual([]);
    expect(p.actionModules.map((m) => m.definitions.map((d) => d.type))).toEqual([
      ["team-notify"],
      ["audit-put"],
    ]);
    expect(p.registry.has("team-notify") && p.registry.has("sns-publish")).toBe(true);
    expect(findSettings(tmpdir())).toBeUndefined();
  });

  it("takes --settings over the folder's own", async () => {
    const dir = project(["./ping.mjs"], { "ping.mjs": PING });
    const p = await loadProject({ cwd: FIXTURE, settings: join(dir, "rulebridge.yaml") });
    expect(p.root).toBe(dir);
    expect(p.registry.has("ping")).toBe(true);
    expect(p.registry.has("team-notify")).toBe(false);
  });

  it("reads an array default export and a package from the project's node_modules", async () => {
    const dir = project(["./two.mjs", "ping-action"], {
      "two.mjs": `import one from "./one.mjs";\nexport default [one, { ...one, type: "pong" }];\n`,
      "one.mjs": PING.replace('type: "ping"', 'type: "one"'),
      "node_modules/ping-action/package.json": JSON.stringify({
        name: "ping-action",
        type: "module",
        exports: "./main.js",
      }),
      "node_modules/ping-action/main.js": PING,
    });
    const p = await loadProject({ cwd: dir });
    expect(p.problems).toEqual([]);
    expect(p.actionModules.flatMap((m) => m.definitions.map((d) => d.type))).toEqual(["one", "pong", "ping"]);
    expect(p.actionModules[1]!.path).toBe(join(dir, "node_modules/ping-action/main.js"));
  });
});

/** Each bad module: its code, at the settings line naming it (line 4 is the first `actions:` item). */
const BAD: [string, string[], Record<string, string>, string][] = [
  ["a missing file", ["./nope.ts"], {}, "ACTION_MODULE_NOT_FOUND"],
  ["a package that is not installed", ["@acme/not-installed"], {}, "ACTION_MODULE_NOT_FOUND"],
  ["a file of another kind", ["./action.json"], { "action.json": "{}" }, "ACTION_MODULE_INVALID"],
  [
    "TypeScript that does not compile",
    ["./broken.ts"],
    { "broken.ts": "export default {\n  type: ;\n" },
    "ACTION_MODULE_COMPILE",
  ],
  [
    "an import of a missing file",
    ["./imports.ts"],
    { "imports.ts": 'export { default } from "./gone.js";\n' },
    "ACTION_MODULE_COMPILE",
  ],
  [
    "a module that throws when imported",
    ["./throws.mjs"],
    { "throws.mjs": 'throw new Error("no config\\nsecond line");\n' },
    "ACTION_MODULE_IMPORT",
  ],
  [
    "no default export",
    ["./named.mjs"],
    { "named.mjs": "export const ping = 1;\n" },
    "ACTION_MODULE_INVALID",
  ],
  [
    "a default export that is not a definition",
    ["./half.mjs"],
    { "half.mjs": 'export default { type: "half" };\n' },
    "ACTION_MODULE_INVALID",
  ],
  [
    "a bad type name",
    ["./caps.mjs"],
    { "caps.mjs": PING.replace('"ping"', '"Ping"') },
    "ACTION_MODULE_INVALID",
  ],
  [
    "a built-in's type",
    ["./sns.mjs"],
    { "sns.mjs": PING.replace('"ping"', '"sns-publish"') },
    "ACTION_TYPE_DUPLICATE",
  ],
];

describe("bad action modules", () => {
  it.each(BAD)("%s: check reports it at its settings line (exit 1)", async (_what, modules, files, code) => {
    const dir = project(modules, files);
    const io = memoryIo({ cwd: dir });
    expect(await cli(["check", "--format", "json"], io)).toBe(1);
    const report = JSON.parse(io.out) as {
      problems: { code: string; file: string; line: number; col: number; message: string }[];
    };
    expect(report.problems).toEqual([
      expect.objectContaining({ code, file: "rulebridge.yaml", line: 4, col: 5 }),
    ]);
    expect(report.problems[0]!.message).not.toContain("\n");
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it.each(["run", "synth", "test", "graph", "schema", "explain"])(
    "%s stops with exit 2 and the problem",
    async (command) => {
      const dir = project(["./nope.ts"]);
      const io = memoryIo({ cwd: dir });
      const args =
        command === "run"
          ? ["run", "--dry-run"]
          : command === "explain"
            ? ["explain", "--event", "x.json"]
            : [command];
      expect(await cli(args, io)).toBe(2);
      expect(io.err).toContain("rulebridge.yaml:4:5: error ACTION_MODULE_NOT_FOUND");
      expect(io.out).toBe("");
    },
  );

  it("a second module reusing a type is a duplicate, the first one stays", async () => {
    const dir = project(["./a.mjs", "./b.mjs"], { "a.mjs": PING, "b.mjs": PING });
    const p = await loadProject({ cwd: dir });
    expect(p.problems.map((x) => [x.code, x.line])).toEqual([["ACTION_TYPE_DUPLICATE", 5]]);
    expect(p.registry.has("ping")).toBe(true);
  });
});
