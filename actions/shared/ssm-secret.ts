import { ActionFailure, type ActionServices, type IamStatement } from "../../engine/action/types.js";
import { parseArn } from "../../engine/arn.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";
import { callAws } from "./call-aws.js";
import { cachedSecret, secretKey, secretMaxAgeMs } from "./secrets.js";

/**
 * Reading a SecureString parameter: name rules, the IAM that reads and decrypts it, and the read
 * itself. Shared by every action whose secret lives in Parameter Store (slack-post's webhook,
 * index-document's basic-auth password).
 */

/** SSM's rules for a parameter name: allowed characters, fully qualified hierarchies, reserved prefixes. */
export function ssmParameterNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9_.\-/]+$/.test(name)) {
    return `parameter name "${name}" may only contain letters, digits, and _ . - /`;
  }
  if (name.includes("/") && !name.startsWith("/")) {
    return `parameter name "${name}" has a hierarchy, so it must start with "/"`;
  }
  // Reserved for AWS: `awsKey`, `ssm-x`, and the `/aws/…` and `/ssm/…` hierarchies.
  if (/^(aws|ssm)/i.test(name) || /^\/(aws|ssm)\//i.test(name)) {
    return `parameter names cannot start with "aws" or "ssm" ("${name}")`;
  }
  return null;
}

/**
 * The parameter's ARN for IAM. A bare name leaves region and account as `*`: rules do not say
 * them, and the grant is still one parameter. Template spans become `*`.
 */
export function ssmParameterArn(nameOrArn: string): string {
  const pattern = wildcardPattern(nameOrArn);
  if (pattern.startsWith("arn:")) return pattern;
  return `arn:aws:ssm:*:*:parameter/${pattern.replace(/^\//, "")}`;
}

/**
 * `ssm:GetParameter` on the parameter, and `kms:Decrypt` for its SecureString value.
 * Decrypt is on `*` because the parameter's key is chosen at PutParameter time and rules do not
 * name it; two conditions keep it nearly as narrow as naming the key would: only through
 * Parameter Store (`kms:ViaService`) and only for this parameter (SSM puts the parameter ARN in
 * the encryption context as `PARAMETER_ARN`). With the default `aws/ssm` key the statement is
 * redundant (that key's policy already lets account principals decrypt through SSM) but harmless.
 */
export function ssmSecretStatements(nameOrArn: string): IamStatement[] {
  const arn = ssmParameterArn(nameOrArn);
  const parsed = isTemplateString(nameOrArn) ? null : parseArn(arn);
  const region = parsed && parsed.region !== "*" && parsed.region !== "" ? parsed.region : "*";
  return [
    { actions: ["ssm:GetParameter"], resources: [arn] },
    {
      actions: ["kms:Decrypt"],
      resources: ["*"],
      conditions: {
        StringLike: {
          "kms:ViaService": `ssm.${region}.amazonaws.com*`,
          "kms:EncryptionContext:PARAMETER_ARN": arn,
        },
      },
      why: "The SecureString's KMS key is not named in the rule. The grant only works through Parameter Store (kms:ViaService) and only for this parameter (kms:EncryptionContext:PARAMETER_ARN). Not needed with the default aws/ssm key, whose key policy already allows it.",
    },
  ];
}

/** The GetParameter request for a SecureString: always decrypted, by name or ARN. */
export function getParameterInput(nameOrArn: string): { Name: string; WithDecryption: true } {
  return { Name: nameOrArn, WithDecryption: true };
}

/** Cache key of a parameter's value, for reading and for dropping it once the target refuses it. */
export function ssmSecretKey(services: ActionServices, nameOrArn: string): string {
  return secretKey("ssm", ssmRegion(services, nameOrArn), nameOrArn);
}

function ssmRegion(services: ActionServices, nameOrArn: string): string {
  const arn = nameOrArn.startsWith("arn:") ? parseArn(nameOrArn) : null;
  return arn && arn.region !== "" ? arn.region : services.aws.defaultRegion;
}

/**
 * The decrypted value of a SecureString, kept in `services.secrets` up to the maximum age. A
 * parameter ARN is read in its own region; a bare name in the runtime's. `what` names the secret
 * in errors (`the Slack webhook URL`); the value itself never appears in one.
 */
export function readSsmSecret(
  services: ActionServices,
  nameOrArn: string,
  signal: AbortSignal,
  what: string,
): Promise<string> {
  const region = ssmRegion(services, nameOrArn);
  return cachedSecret(
    services.secrets,
    ssmSecretKey(services, nameOrArn),
    async () => {
      // Loaded on first call: importing the action (replay, plans, check) must not load the SDK client.
      const { GetParameterCommand, SSMClient } = await import("./sdk-ssm.js");
      const ssm = services.aws.client(SSMClient, region);
      const out = await callAws("ssm:GetParameter", signal, (opts) =>
        ssm.send(new GetParameterCommand(getParameterInput(nameOrArn)), opts),
      );
      const value = out.Parameter?.Value;
      if (value === undefined || value === "") {
        throw new ActionFailure(`ssm:GetParameter: parameter ${nameOrArn} holds no value for ${what}`, {
          retryable: false,
        });
      }
      return value;
    },
    secretMaxAgeMs(services.env),
  );
}
