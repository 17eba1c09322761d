import { fromEnv } from "@aws-sdk/credential-provider-env";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultProvider } from "../../handler/env-credentials.js";

/** The bundle's credential provider against the SDK's `fromEnv`: the same environment, the same answer. */
afterEach(() => {
  vi.unstubAllEnvs();
});

const NAMES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_CREDENTIAL_SCOPE",
  "AWS_ACCOUNT_ID",
];

async function outcome(provider: () => Promise<unknown>): Promise<unknown> {
  try {
    const { $source: _source, ...credentials } = (await provider()) as Record<string, unknown>;
    return credentials;
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message };
  }
}

describe("env-credentials defaultProvider", () => {
  it.each<[string, Record<string, string>]>([
    ["a key pair", { AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s" }],
    [
      "Lambda's role credentials",
      {
        AWS_ACCESS_KEY_ID: "ASIA",
        AWS_SECRET_ACCESS_KEY: "s",
        AWS_SESSION_TOKEN: "t",
        AWS_CREDENTIAL_EXPIRATION: "2026-12-07T20:00:00Z",
        AWS_ACCOUNT_ID: "123456789012",
        AWS_CREDENTIAL_SCOPE: "us-east-1",
      },
    ],
    ["no secret", { AWS_ACCESS_KEY_ID: "AKID" }],
    ["nothing", {}],
    ["empty values", { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" }],
  ])("answers %s as the SDK's fromEnv does", async (_name, env) => {
    for (const name of NAMES) vi.stubEnv(name, env[name]);
    expect(await outcome(defaultProvider())).toEqual(await outcome(fromEnv()));
  });
});
