import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { awsTestEnv } from "../support/services/index.js";
import { scratchDir } from "./fixture.js";
import { assertClean, rulebridge, stubToolkitEnv } from "./toolkit-fixture.js";

/**
 * A project with its own actions (one TypeScript, one JavaScript) through `rulebridge diff`
 * against moto's CloudFormation: the stack it would create has the engine, the rule and the
 * role with the JavaScript action's IAM statement.
 */
const project = join(process.cwd(), "test/fixtures/project-actions");
let outDir: string;

beforeAll(() => {
  stubToolkitEnv();
  outDir = join(scratchDir("rulebridge-project-diff-"), "cdk.out");
});

describe("rulebridge diff of a project with its own actions", () => {
  it("shows the stack to create, with the project action's IAM statement in the engine's role", async () => {
    const run = await rulebridge(
      "diff",
      "--fail",
      "--settings",
      join(project, "rulebridge.yaml"),
      "--out",
      outDir,
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain("[+] AWS::Lambda::Function RuleBridge/Engine");
    expect(run.out).toContain("[+] AWS::Events::Rule RuleBridge/EcsStoppedNotify/Rule");
    expect(run.out).toContain("arn:aws:s3:::team-audit-events/ecs/*");
    assertClean(run, awsTestEnv().AWS_SECRET_ACCESS_KEY!);
  });
});
