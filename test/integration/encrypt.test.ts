import { CreateKeyCommand, DecryptCommand, KMSClient } from "@aws-sdk/client-kms";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";
import { awsClientConfig, awsTestEnv } from "../support/services/index.js";

describe("rulebridge encrypt (against moto KMS)", () => {
  beforeEach(() => {
    for (const [k, v] of Object.entries(awsTestEnv())) vi.stubEnv(k, v);
  });
  const url = "https://hooks.slack.com/services/T000/B000/encrypt-test-secret";

  it.each([
    ["argument", [url], ""],
    ["stdin", ["-"], `${url}\n`],
  ])(
    "encrypts a value from the %s with a context; KMS decrypts it back only with that context",
    async (_, args, stdin) => {
      const kms = new KMSClient(awsClientConfig());
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
      const io = memoryIo({ stdin });
      const code = await cli(["encrypt", "--key", key, "--context", "LambdaFunctionName=fn", ...args], io);
      expect(io.err).toBe("");
      expect(code).toBe(0);
      expect(io.out).not.toContain("encrypt-test-secret");
      const blob = Buffer.from(io.out.trim(), "base64");
      const plain = await kms.send(
        new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { LambdaFunctionName: "fn" } }),
      );
      expect(new TextDecoder().decode(plain.Plaintext)).toBe(url);
      await expect(
        kms.send(
          new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { LambdaFunctionName: "other" } }),
        ),
      ).rejects.toThrow();
    },
  );

  it.each([
    [["--key", "k"], /exactly one VALUE/],
    [["v"], /--key is required/],
    [["--key", "k", "--context", "novalue", "v"], /key=value/],
  ])("usage errors: %j", async (args, message) => {
    const io = memoryIo();
    expect(await cli(["encrypt", ...args], io)).toBe(2);
    expect(io.err).toMatch(message);
  });

  it("a key KMS does not know is a clear failure (exit 1) that never prints the value", async () => {
    const io = memoryIo();
    expect(await cli(["encrypt", "--key", "alias/does-not-exist", url], io)).toBe(1);
    expect(io.err).toContain("KMS");
    expect(io.err + io.out).not.toContain("encrypt-test-secret");
  });
});
