import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of rules/ and the sample events its fixtures point to (../examples/events). */
function seedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "rulebridge-update-"));
  scratch.push(dir);
  cpSync("rules", join(dir, "rules"), { recursive: true });
  cpSync("examples/events", join(dir, "examples/events"), { recursive: true });
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, "rules", file), "utf8");

/** Whether every line of `before` is still in `after`, in order: the update only added lines. */
function onlyAdded(before: string, after: string): boolean {
  const lines = after.split("\n");
  let i = 0;
  for (const line of before.split("\n")) {
    while (i < lines.length && lines[i] !== line) i++;
    if (i === lines.length) return false;
    i++;
  }
  return true;
}

async function run(dir: string, argv: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await cli(argv, io);
  return { code, out: io.out, err: io.err };
}

describe("rulebridge test --update", () => {
  it("writes rendered params into matching cases, keeps comments and layout, and the cases still pass", async () => {
    const dir = seedCopy();
    const before = Object.fromEntries(
      [
        "alb-unhealthy-slack",
        "asg-launch-name-tag",
        "ecs-essential-container-exited",
        "ecs-events-to-opensearch",
      ].map((r) => [r, read(dir, `${r}.test.yaml`)]),
    );
    const first = await run(dir, ["test", "--update"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      "updated rules/alb-unhealthy-slack.test.yaml:2:3 the ALB alarm going into ALARM posts to the on-call channel (not written: webhook)\n",
    );
    expect(first.out).toContain("5 case(s) updated\n");
    expect(first.out).toMatch(/\n11 passed, 0 failed\n$/);
    for (const [rule, text] of Object.entries(before)) {
      expect(onlyAdded(text, read(dir, `${rule}.test.yaml`)), rule).toBe(true);
    }
    // The header comment and the flow mapping an author wrote are untouched.
    expect(read(dir, "ecs-essential-container-exited.test.yaml")).toContain(
      "# Fixtures for ecs-essential-container-exited.yaml",
    );
    expect(read(dir, "ecs-essential-container-exited.test.yaml")).toContain("containers: [{ name: web }]\n");
    expect(read(dir, "asg-launch-name-tag.test.yaml")).toContain("      overwrite: true\n");
    expect(read(dir, "ecs-essential-container-exited.test.yaml")).toContain(
      '      message: \'{"clusterArn":',
    );
    expect(read(dir, "ecs-events-to-opensearch.test.yaml")).toContain(
      "  actions:\n    - type: index-document\n      id: ddca6449-b258-46c0-8653-e0e3aEXAMPLE\n",
    );
    // The Slack webhook's source (a secret param) is never written.
    const slack = read(dir, "alb-unhealthy-slack.test.yaml");
    expect(slack).not.toMatch(/webhook|kmsCiphertext|AQICAH/);
    expect(slack).toContain('      text: ":rotating_light: *ALBNoHealthyHosts* is ALARM (was OK)');

    const again = await run(dir, ["test"]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/\n11 passed, 0 failed\n$/);
  });

  it("is idempotent: a second update changes nothing", async () => {
    const dir = seedCopy();
    await run(dir, ["test", "--update"]);
    const once = read(dir, "ecs-events-to-opensearch.test.yaml");
    const second = await run(dir, ["test", "--update", "rules/ecs-events-to-opensearch.test.yaml"]);
    expect(second.out).toContain("0 case(s) updated\n");
    expect(second.out).toMatch(/^unchanged rules\/ecs-events-to-opensearch.test.yaml:2:3 /);
    expect(read(dir, "ecs-events-to-opensearch.test.yaml")).toBe(once);
  });

  it("fixes a wrong expectation in place, keeping its quoting", async () => {
    const dir = seedCopy();
    const file = join(dir, "rules/ecs-essential-container-exited.test.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('subject: "ECS task failure: web"', 'subject: "stale"'),
    );
    expect((await run(dir, ["test", "rules/ecs-essential-container-exited.yaml"])).code).toBe(1);
    const updated = await run(dir, ["test", "--update", "rules/ecs-essential-container-exited.yaml"]);
    expect(updated.code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain('      subject: "ECS task failure: web"\n');
  });

  it("leaves cases that do not match alone and says why; secrets and un-rendered deferred params are left out", async () => {
    const dir = seedCopy();
    const file = join(dir, "rules/asg-launch-name-tag.test.yaml");
    const text = `# comment kept
- name: no instance given
  rule: asg-launch-name-tag
  event: ../examples/events/autoscaling-ec2-instance-launch-successful.json
  expect: match

- name: expected to match but does not
  rule: asg-launch-name-tag
  event: ../examples/events/autoscaling-ec2-instance-terminate-successful.json
  expect: match
  actions:
    - type: tag-from-template # hand-written
`;
    writeFileSync(file, text);
    const result = await run(dir, ["test", "--update", "--format", "json", "rules/asg-launch-name-tag.yaml"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      updates: { name: string; status: string; reason?: string; omitted?: string[] }[];
    };
    expect(report.updates).toEqual([
      expect.objectContaining({ name: "no instance given", status: "updated", omitted: ["tags"] }),
      expect.objectContaining({ name: "expected to match but does not", status: "skipped" }),
    ]);
    expect(report.updates[1]?.reason).toMatch(/^expected a match: pattern did not match at detail-type/);
    expect(readFileSync(file, "utf8")).toBe(
      text.replace(
        "  expect: match\n\n",
        "  expect: match\n  actions:\n    - type: tag-from-template\n      instanceId: i-1234567890abcdef0\n      overwrite: true\n\n",
      ),
    );
  });

  it("--help documents --update", async () => {
    const io = memoryIo();
    expect(await cli(["test", "--help"], io)).toBe(0);
    expect(io.out).toContain("--update");
  });
});
