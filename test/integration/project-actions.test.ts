import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreateBucketCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";
import {
  awsClientConfig,
  awsTestEnv,
  type SlackReceiver,
  startSlackReceiver,
  uniqueName,
} from "../support/services/index.js";

/**
 * A rules project's own actions, live: the TypeScript one posts to a loopback webhook, the
 * JavaScript one writes to S3 on moto, both through `rulebridge run` in the project's folder.
 */
const FIXTURE = join(process.cwd(), "test/fixtures/project-actions");
let dir: string;
let bucket: string;
let hook: SlackReceiver;

beforeAll(async () => {
  hook = await startSlackReceiver();
  // Inside the repository, so the JavaScript action's own import (@aws-sdk/client-s3) resolves
  // from node_modules as it would in a team's project.
  mkdirSync(join(process.cwd(), ".cache", "tmp"), { recursive: true });
  dir = mkdtempSync(join(process.cwd(), ".cache", "tmp", "project-live-"));
  cpSync(FIXTURE, dir, { recursive: true });
  bucket = uniqueName("audit").toLowerCase();
  const rule = join(dir, "rules", "ecs-stopped-notify.yaml");
  writeFileSync(rule, readFileSync(rule, "utf8").replace("team-audit-events", bucket));
  await new S3Client({ ...awsClientConfig(), forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: bucket }),
  );
});
afterAll(async () => {
  await hook?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const [k, v] of Object.entries(awsTestEnv())) vi.stubEnv(k, v);
});

describe("a project's own actions in a live run", () => {
  it("runs the TypeScript and the JavaScript action for real", async () => {
    const io = memoryIo({ cwd: dir });
    io.env = { ...awsTestEnv(), TEAM_WEBHOOK_URL: hook.url };
    const code = await cli(["run", "events", "--format", "json"], io);
    expect(io.err).toContain("2 event(s)");
    expect(code).toBe(0);
    const posted = hook.delivered();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.payload).toEqual({
      text: "[rulebridge] task arn:aws:ecs:us-east-1:111122223333:task/example/0123456789abcdef stopped: Essential container in task exited",
    });
    const s3 = new S3Client({ ...awsClientConfig(), forcePathStyle: true });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "ecs/0d6b8c2c-1b8c-4f2c-8f06-3a3b1b7b4c11.json" }),
    );
    const stored = JSON.parse(await object.Body!.transformToString()) as { id: string };
    expect(stored.id).toBe("0d6b8c2c-1b8c-4f2c-8f06-3a3b1b7b4c11");
    // The webhook URL is a secret: it appears nowhere in what the run printed.
    expect(io.out + io.err).not.toContain(hook.url);
  });

  it("reports the project action's failure like a built-in's", async () => {
    hook.respond([{ kind: "error", status: 404, body: "no_service" }]);
    const io = memoryIo({ cwd: dir });
    io.env = { ...awsTestEnv(), TEAM_WEBHOOK_URL: hook.url };
    const code = await cli(["run", "events/ecs-stopped.json", "--format", "json"], io);
    expect(code).toBe(1);
    const outcome = JSON.parse(io.out.trim().split("\n")[0]!) as {
      decisions: { actions: { type: string; status: string; error?: string }[] }[];
    };
    const notify = outcome.decisions[0]!.actions[0]!;
    expect(notify).toMatchObject({ type: "team-notify", status: "failed" });
    expect(notify.error).toContain("webhook answered 404");
  });
});
