import { execFile } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * rulebridge as a team installs it before it is on a registry: `npm pack`, then `init
 * --rulebridge <tarball>` and `npm install` in the new project, whose own action (the PagerDuty
 * example) imports `rulebridge/actions` from the installed package.
 */
const run = promisify(execFile);
const repo = process.cwd();
const example = join(repo, "examples/actions/pagerduty");
let work: string;
let project: string;

async function rulebridge(args: string[]) {
  try {
    const { stdout, stderr } = await run(join(project, "node_modules/.bin/rulebridge"), args, {
      cwd: project,
      timeout: 180_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

beforeAll(async () => {
  if (!existsSync(join(repo, "dist/cli/main.js"))) {
    throw new Error("dist/ is missing: `npm test` builds it before vitest runs (npm run build)");
  }
  work = mkdtempSync(join(tmpdir(), "rulebridge-packaged-"));
  await run("npm", ["pack", "--ignore-scripts", "--pack-destination", work], { cwd: repo, timeout: 120_000 });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack wrote no tarball");
  project = join(work, "team-rules");
  await run(process.execPath, [
    join(repo, "dist/cli/main.js"),
    "init",
    project,
    "--rulebridge",
    join(work, tarball),
  ]);
  mkdirSync(join(project, "events"));
  copyFileSync(join(example, "pagerduty-event.ts"), join(project, "actions", "pagerduty-event.ts"));
  for (const f of ["ecs-task-failed-page.yaml", "ecs-task-failed-page.test.yaml"]) {
    copyFileSync(join(example, "rules", f), join(project, "rules", f));
  }
  for (const f of readdirSync(join(example, "events")))
    copyFileSync(join(example, "events", f), join(project, "events", f));
  appendFileSync(join(project, "rulebridge.yaml"), "actions:\n  - ./actions/pagerduty-event.ts\n");
  // The npm cache holds every dependency after the repository's own `npm ci`.
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: project,
    timeout: 600_000,
  });
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package, installed in a scaffolded project", () => {
  it("pins the tarball as a file: path relative to the project", () => {
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect(manifest.devDependencies.rulebridge).toMatch(/^file:\.\.\/rulebridge-.+\.tgz$/);
  });

  it("checks, tests and dry-runs the project's own action", async () => {
    const check = await rulebridge(["check"]);
    expect(check.stderr + check.stdout).toContain("0 error(s)");
    expect(check.code).toBe(0);
    const test = await rulebridge(["test"]);
    expect(test.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(test.code).toBe(0);
    const dry = await rulebridge(["run", "events", "--dry-run"]);
    expect(dry.stdout).toContain("trigger PagerDuty alert arn:aws:ecs:us-east-1:123456789012:task/cdf83842");
    expect(dry.code).toBe(0);
  });

  it("synthesizes with the action's IAM statement in the engine's role", async () => {
    const synth = await rulebridge(["synth"]);
    expect(synth.code).toBe(0);
    const template = readFileSync(join(project, "cdk.out", "rulebridge.template.json"), "utf8");
    expect(template).toContain("parameter/oncall/pagerduty-routing-key");
  });
});
