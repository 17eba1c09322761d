import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../../cli/cli.js";
import { memoryIo } from "../../support/memory-io.js";

/**
 * The fixture project (one TypeScript and one JavaScript action of its own) through every command
 * that reads a project, run from its rules folder so the project is found in a parent.
 */
const project = join(process.cwd(), "test/fixtures/project-actions");
const cwd = join(project, "rules");
const out = mkdtempSync(join(tmpdir(), "rulebridge-project-synth-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = memoryIo({ cwd });
  const code = await cli(args, io);
  return { code, out: io.out, err: io.err };
}

describe("a project's own actions in every command", () => {
  it("check validates rules that use them", async () => {
    const r = await run(["check", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rules: 1, errors: 0 });
  });

  it("test renders them in fixtures", async () => {
    const r = await run(["test"]);
    expect(r.out).toContain("2 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("explain, run --dry-run and graph show them", async () => {
    const explain = await run(["explain", "--event", "../events/ecs-stopped.json"]);
    expect(explain.out).toContain("✓ ecs-stopped-notify");
    const dry = await run(["run", "../events", "--dry-run", "--format", "json"]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('"type":"team-notify"');
    expect(dry.out).toContain('"type":"audit-put"');
    const graph = await run(["graph"]);
    expect(graph.out).toContain("team-notify");
    expect(graph.out).toContain("audit-put");
  });

  it("schema includes their params", async () => {
    const r = await run(["schema"]);
    const schema = JSON.parse(r.out) as { definitions: Record<string, unknown> };
    expect(Object.keys(schema.definitions)).toEqual(
      expect.arrayContaining(["action-team-notify", "action-audit-put"]),
    );
  });

  it("synth bundles them and puts their IAM statement in the engine's role", async () => {
    const r = await run(["synth", "--out", join(out, "cdk.out")]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const template = readFileSync(join(out, "cdk.out", "team-automation.template.json"), "utf8");
    expect(template).toContain("arn:aws:s3:::team-audit-events/ecs/*");
    const bundle = readFileSync(join(out, "cdk.out.bundle", "engine", "index.mjs"), "utf8");
    expect(bundle).toContain("team-notify");
    expect(existsSync(join(out, "cdk.out.bundle", "engine", "rules.json"))).toBe(true);
  });
});
