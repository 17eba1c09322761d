// The project's local services for a live `rulebridge run`, started the way the tests start them
// (test/support/services): one moto server, OpenSearch (single node) and a Slack webhook receiver,
// each on a free loopback port. Bundled and run by scripts/local-services.mjs; see README, "Run it
// live, locally".
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readServicesManifest, repoRoot } from "../../test/support/services/manifest.js";
import { type RunningMoto, startMoto } from "../../test/support/services/moto-server.js";
import { type RunningOpenSearch, startOpenSearch } from "../../test/support/services/opensearch-server.js";
import {
  TEST_ACCESS_KEY_ID,
  TEST_REGION,
  TEST_SECRET_ACCESS_KEY,
} from "../../test/support/services/provisioned.js";
import { createRunDir } from "../../test/support/services/run-dir.js";
import { type SlackReceiver, startSlackReceiver } from "../../test/support/services/slack-receiver.js";

export interface LocalStackOptions {
  openSearch: boolean;
  /** Where the `export …` lines go, for `source` in another shell. */
  envFile: string;
  print(line: string): void;
}

/** Name of the variable the index-document action reads to send every request to one OpenSearch. */
export const OPENSEARCH_ENDPOINT_ENV = "RULEBRIDGE_OPENSEARCH_ENDPOINT";

/** Starts the services, prints their endpoints and the environment for `rulebridge run`; resolves once stopped by a signal. */
export async function runLocalStack(options: LocalStackOptions): Promise<void> {
  const manifest = readServicesManifest();
  const runDirs: string[] = [];
  let moto: RunningMoto | undefined;
  let openSearch: RunningOpenSearch | undefined;
  let slack: SlackReceiver | undefined;
  const stop = async (): Promise<void> => {
    await Promise.allSettled([moto?.process.stop(5_000), openSearch?.process.stop(15_000), slack?.close()]);
    for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const motoDir = createRunDir(join(repoRoot, ".cache", "moto", "runs"));
    runDirs.push(motoDir);
    const starts: Promise<unknown>[] = [
      startMoto(manifest.moto, motoDir, 1).then((m) => {
        moto = m;
      }),
      startSlackReceiver().then((s) => {
        slack = s;
      }),
    ];
    if (options.openSearch) {
      const dir = createRunDir(manifest.opensearch.runsDir);
      runDirs.push(dir);
      starts.push(
        startOpenSearch(manifest.opensearch, dir).then((o) => {
          openSearch = o;
        }),
      );
    }
    const failed = (await Promise.allSettled(starts)).find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  } catch (error) {
    await stop();
    throw error;
  }
  if (!moto || !slack) throw new Error("a service did not start");

  const env: Array<[string, string]> = [
    ["AWS_ENDPOINT_URL", moto.url],
    ["AWS_REGION", TEST_REGION],
    ["AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID],
    ["AWS_SECRET_ACCESS_KEY", TEST_SECRET_ACCESS_KEY],
    ["SLACK_WEBHOOK_URL", slack.url],
    ...(openSearch ? ([[OPENSEARCH_ENDPOINT_ENV, openSearch.url]] as Array<[string, string]>) : []),
  ];
  mkdirSync(join(options.envFile, ".."), { recursive: true });
  writeFileSync(options.envFile, env.map(([k, v]) => `export ${k}=${v}\n`).join(""));
  options.print(`moto ${manifest.moto.version} (EC2, SNS, SQS, KMS, SSM, DynamoDB, …): ${moto.url}`);
  if (openSearch) options.print(`OpenSearch ${manifest.opensearch.version}: ${openSearch.url}`);
  options.print(`Slack webhook receiver: ${slack.url}`);
  options.print("");
  options.print("For rulebridge run, encrypt and the AWS CLI (or: source the file below):");
  for (const [k, v] of env) options.print(`  export ${k}=${v}`);
  options.print(`(written to ${options.envFile})`);
  options.print("");
  options.print("ready; messages posted to the Slack receiver are printed below. Ctrl-C stops everything.");

  const receiver = slack;
  let seen = 0;
  let stopping = false;
  const done = new Promise<void>((resolveDone) => {
    const onSignal = (): void => {
      if (stopping) return;
      stopping = true;
      options.print("stopping…");
      void stop().then(() => {
        options.print("stopped");
        resolveDone();
      });
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  // The receiver keeps every request; print the new ones as they arrive.
  const watch = async (): Promise<void> => {
    while (!stopping) {
      try {
        await receiver.waitForRequests(seen + 1, 1_000);
      } catch {
        continue;
      }
      for (const request of receiver.requests.slice(seen)) {
        const text = (request.payload as { text?: unknown } | undefined)?.text;
        options.print(`slack ← ${request.status} ${typeof text === "string" ? text : request.body}`);
      }
      seen = receiver.requests.length;
    }
  };
  await Promise.all([done, watch()]);
}
