import { join } from "node:path";
import { vi } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";
import { awsTestEnv, motoUrl } from "../support/services/index.js";
import { scratchDir } from "./fixture.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI as a function, the way bin/rulebridge does, and returns what it wrote. */
export async function rulebridge(...argv: string[]): Promise<CliRun> {
  const io = memoryIo();
  const code = await cli(argv, io);
  return { code, out: io.out, err: io.err };
}

/**
 * Points the CDK toolkit's own SDK clients at this worker's moto, through the environment as a
 * user's shell would (the toolkit reads process.env, like the AWS CLI):
 * - AWS_ENDPOINT_URL and dummy credentials, as for every moto test;
 * - AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION, the toolkit's setting for the template URL it hands
 *   CloudFormation. The toolkit builds that URL from the S3 endpoint; moto's CloudFormation only
 *   parses bucket and key out of path-style URLs on `localhost` or `s3.*.amazonaws.com` hosts
 *   (moto/cloudformation/utils.py get_stack_from_s3_url), so the same moto is named `localhost`;
 * - no shared config files and a scratch CDK_HOME, so neither the machine's AWS profiles nor
 *   the toolkit's account cache in ~/.cdk leak into the test.
 */
export function stubToolkitEnv(): { home: string } {
  const home = scratchDir("rulebridge-cdk-home-");
  const env: Record<string, string | undefined> = {
    ...awsTestEnv(),
    AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION: motoUrl().replace("127.0.0.1", "localhost"),
    AWS_CONFIG_FILE: join(home, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "no-aws-credentials"),
    AWS_PROFILE: undefined,
    AWS_SESSION_TOKEN: undefined,
    CDK_HOME: home,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return { home };
}

/** What must never reach the output: the secret key (and no Node stack trace lines). */
export function assertClean(run: CliRun, secret: string): void {
  const all = run.out + run.err;
  if (all.includes(secret)) throw new Error("the output contains the secret access key");
  if (/^\s+at .+:\d+:\d+\)?$/m.test(all)) throw new Error(`the output contains a stack trace:\n${all}`);
}
