import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "rulebridge-local-services-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the output so far once `pattern` appears in it. */
function waitFor(output: () => string, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolveWait, reject) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (pattern.test(output())) {
        clearInterval(tick);
        resolveWait(output());
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(tick);
        reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output()}`));
      }
    }, 100);
  });
}

describe("scripts/local-services.mjs", () => {
  it("starts moto and the Slack receiver, prints their endpoints and env, and stops them on Ctrl-C", async () => {
    const envFile = join(dir, "env.sh");
    let out = "";
    child = spawn(
      process.execPath,
      ["scripts/local-services.mjs", "--no-opensearch", "--write-env", envFile],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    await waitFor(() => out, /^ready;/m, 90_000);

    const env = Object.fromEntries(
      readFileSync(envFile, "utf8")
        .trim()
        .split("\n")
        .map((line) => /^export (\w+)=(.*)$/.exec(line)?.slice(1, 3) as [string, string]),
    );
    expect(Object.keys(env).sort()).toEqual([
      "AWS_ACCESS_KEY_ID",
      "AWS_ENDPOINT_URL",
      "AWS_REGION",
      "AWS_SECRET_ACCESS_KEY",
      "SLACK_WEBHOOK_URL",
    ]);
    expect(out).toContain(`export AWS_ENDPOINT_URL=${env.AWS_ENDPOINT_URL}`);

    // moto answers AWS calls at the printed endpoint.
    const sns = new SNSClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? "",
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "",
      },
    });
    const topic = await sns.send(new CreateTopicCommand({ Name: "local-services-test" }));
    expect(topic.TopicArn).toBe("arn:aws:sns:us-east-1:123456789012:local-services-test");

    // The Slack receiver accepts a message and the script prints it.
    const posted = await fetch(env.SLACK_WEBHOOK_URL ?? "", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hello from the test" }),
    });
    expect([posted.status, await posted.text()]).toEqual([200, "ok"]);
    await waitFor(() => out, /slack ← 200 hello from the test/, 10_000);

    const exited = new Promise<number | null>((resolveExit) =>
      child?.once("exit", (code) => resolveExit(code)),
    );
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(out).toMatch(/stopped\n/);
    await expect(fetch(`${env.AWS_ENDPOINT_URL}/moto-api/`)).rejects.toThrow();
  }, 150_000);
});
