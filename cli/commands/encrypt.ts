import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";
import { AwsClients, regionFromEnv } from "../../actions/aws-clients.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";

export const encryptHelp = `Usage: rulebridge encrypt --key K [--context k=v]… [--region R] VALUE|-

KMS-encrypts a secret (e.g. a Slack webhook URL) and prints the base64 ciphertext to put in a
rule file (slack-post webhook.kmsCiphertext). Use - to read the value from stdin, which keeps
it out of your shell history. The value is never printed.

Options:
  --key K          KMS key id, key ARN, alias name (alias/…) or alias ARN
  --context k=v    encryption context pair, repeatable; the Lambda console uses
                   LambdaFunctionName=<function name> — put the same pairs in the rule's
                   webhook.encryptionContext
  --region R       AWS region (default: AWS_REGION / AWS_DEFAULT_REGION)

Uses the default AWS credential chain; honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_KMS.
Exit: 0 printed, 1 KMS refused, 2 usage error.
`;

export const command = defineCommand({
  name: "encrypt",
  help: encryptHelp,
  options: {
    key: { type: "string" },
    context: { type: "string", multiple: true },
    region: { type: "string" },
  },
  positionals: true,
  async run({ values, positionals, io }) {
    if (!values.key) throw new UsageError("--key is required");
    if (positionals.length !== 1) throw new UsageError("give exactly one VALUE (or - to read it from stdin)");
    const context = parseContext(values.context ?? []);
    let plaintext = positionals[0] === "-" ? await io.readStdin() : positionals[0]!;
    // A trailing newline from `echo … |` would become part of the secret.
    plaintext = plaintext.replace(/\r?\n$/, "");
    if (plaintext === "") throw new UsageError("the value to encrypt is empty");

    const kms = new AwsClients(values.region ?? regionFromEnv(io.env)).client(KMSClient);
    try {
      const out = await kms.send(
        new EncryptCommand({
          KeyId: values.key,
          Plaintext: new TextEncoder().encode(plaintext),
          ...(Object.keys(context).length > 0 ? { EncryptionContext: context } : {}),
        }),
      );
      if (!out.CiphertextBlob) throw new Error("KMS returned no ciphertext");
      io.stdout(`${Buffer.from(out.CiphertextBlob).toString("base64")}\n`);
      return EXIT.ok;
    } catch (err) {
      const e = err as Error & { name?: string };
      // KMS errors never contain the plaintext; still, print only the error's name and message.
      io.stderr(`rulebridge encrypt: KMS ${e.name ?? "error"}: ${e.message}\n`);
      return EXIT.findings;
    }
  },
});

function parseContext(pairs: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--context takes key=value (got "${pair}")`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}
