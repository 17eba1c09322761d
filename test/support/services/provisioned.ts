import { inject } from "vitest";
import { SERVICES_CONTEXT_KEY, type ServicesContext } from "./context.js";

/** moto accepts any credentials; fixed dummies keep the SDK from looking for real ones. */
export const TEST_REGION = "us-east-1";
export const TEST_ACCESS_KEY_ID = "AKIARULEBRIDGETEST00";
export const TEST_SECRET_ACCESS_KEY = "rulebridge-test-secret-not-a-real-key";
/** The account moto puts resources in when the credentials are not ones it issued. */
export const TEST_ACCOUNT_ID = "123456789012";

function services(): ServicesContext {
  const context = inject(SERVICES_CONTEXT_KEY);
  if (context === undefined) {
    throw new Error(
      "moto/OpenSearch were not provisioned: test/setup/services-setup.ts is not in vitest's globalSetup " +
        "(run the tests with the repository's vitest.config.ts)",
    );
  }
  if (context.status !== "running") {
    throw new Error(`moto/OpenSearch were not started for this test run: ${context.reason}`);
  }
  return context;
}

/**
 * The moto server of this worker. Each vitest worker slot (VITEST_POOL_ID) has its own, and a slot runs
 * one test file at a time, so a file owns its moto server while it runs.
 */
export function motoUrl(): string {
  const { motoUrls } = services();
  const slot = Number(process.env.VITEST_POOL_ID ?? "1");
  const url = motoUrls[slot - 1];
  if (url === undefined) {
    throw new Error(
      `no moto server for vitest worker slot ${slot}: ${motoUrls.length} were started ` +
        "(maxWorkers changed after the global setup ran?)",
    );
  }
  return url;
}

/** Empties this worker's moto server (POST /moto-api/reset): call it in beforeEach/beforeAll. */
export async function resetMoto(): Promise<void> {
  const url = motoUrl();
  const response = await fetch(`${url}/moto-api/reset`, {
    method: "POST",
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) {
    throw new Error(`resetting moto at ${url} failed: HTTP ${response.status} ${await response.text()}`);
  }
}

/** The OpenSearch of this test run, shared by every worker: give each test its own index (uniqueName). */
export function openSearchUrl(): string {
  const url = services().openSearchUrl;
  if (url === null) throw new Error("OpenSearch was not started for this test run");
  return url;
}

/**
 * Environment for code under test that builds its own AWS SDK clients (the engine, the CLI): SDK v3
 * honours AWS_ENDPOINT_URL for every service. Pass it to a child process, or apply it with vi.stubEnv.
 */
export function awsTestEnv(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: motoUrl(),
    AWS_REGION: TEST_REGION,
    AWS_DEFAULT_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
    // Never reach for instance metadata credentials on a machine with no network.
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

export interface AwsTestClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Config for an SDK v3 client that the test itself builds: `new SNSClient(awsClientConfig())`. */
export function awsClientConfig(endpoint: string = motoUrl()): AwsTestClientConfig {
  return {
    endpoint,
    region: TEST_REGION,
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
  };
}

/** Versions of the real services, for test names and error messages. */
export function serviceVersions(): ServicesContext["versions"] {
  return services().versions;
}
