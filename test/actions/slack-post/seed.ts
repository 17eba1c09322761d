/** A stand-in for a KMS CiphertextBlob: 184 bytes, the size KMS returns for a Slack webhook URL. */
export const CIPHERTEXT = Buffer.from(Array.from({ length: 184 }, (_, i) => (i * 37 + 11) % 256)).toString(
  "base64",
);

export const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const ALIAS_ARN = "arn:aws:kms:us-east-1:123456789012:alias/rulebridge";

export const TEXT_TEMPLATE =
  ":rotating_light: *{{ alarm.name }}* is {{ alarm.state }} (was {{ alarm.previousState }}): {{ alarm.metric.name }} = {{ alarm.value }}, threshold {{ alarm.comparison }} {{ alarm.threshold }}. {{ alarm.reason }}";

/** Seed 001's params as written in the rule (with the key named, as check asks). */
export const seedParams = {
  webhook: {
    kmsCiphertext: CIPHERTEXT,
    encryptionContext: { LambdaFunctionName: "rulebridge-engine" },
    keyArn: KEY_ARN,
  },
  channel: "#ops-alerts",
  text: TEXT_TEMPLATE,
};

/** `text` as the engine renders it against the ALB alarm sample. */
export const RENDERED_TEXT =
  ":rotating_light: *ALBNoHealthyHosts* is ALARM (was OK): HealthyHostCount = 0, threshold LessThanOrEqualToThreshold 0. Threshold Crossed: 1 out of the last 1 datapoints [0.0 (02/10/19 17:03:00)] was less than or equal to the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).";

export const seedPlanParams = { ...seedParams, text: RENDERED_TEXT };
