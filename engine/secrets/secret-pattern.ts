/**
 * Values that are credentials by their shape alone: whoever reads them can act with them. One list,
 * used by `check` (PLAINTEXT_SECRET at the string's line), by the runtime's redactor and by code
 * frames, so what is refused in a rule file is also what is scrubbed from output.
 */
export interface SecretPattern {
  /** Stable id, e.g. `slack-webhook`. */
  readonly id: string;
  /** What it is, for messages: "a Slack webhook URL". Never the value. */
  readonly label: string;
  /**
   * Matches the whole secret (a webhook URL with its token, a key id). Written without flags; the
   * recogniser adds `g` and `i` as it needs them, so patterns must mean the same case-insensitively.
   */
  readonly pattern: RegExp;
  /** What to do instead, e.g. where to keep it; ends the PLAINTEXT_SECRET message. */
  readonly advice?: string;
}

/** Characters a URL's path and query may hold, up to whatever ends it in prose, YAML or JSON. */
const URL_TAIL = "[^\\s\"'<>`)\\]}|\\\\]*";

const KEEP_URL =
  "keep it in KMS (`rulebridge encrypt`), SSM Parameter Store, Secrets Manager or an environment variable and point the action at it";

/** The built-in recognisers; actions add their own through `ActionDefinition.secretPatterns`. */
export const BUILTIN_SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: "slack-webhook",
    label: "a Slack webhook URL",
    // Incoming webhooks (services/), Workflow Builder webhooks (workflows/, triggers/), GovSlack too.
    pattern: new RegExp(
      `(?:https?:\\/\\/)?hooks\\.slack(?:-gov)?\\.com\\/(?:services|workflows|triggers)\\/${URL_TAIL}`,
    ),
    advice: KEEP_URL,
  },
  {
    id: "discord-webhook",
    label: "a Discord webhook URL",
    pattern: new RegExp(
      `(?:https?:\\/\\/)?(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com\\/api\\/(?:v\\d+\\/)?webhooks\\/\\d+\\/${URL_TAIL}`,
    ),
    advice: KEEP_URL,
  },
  {
    id: "teams-webhook",
    label: "a Microsoft Teams webhook URL",
    // Office 365 connectors (…webhook.office.com/webhookb2/…) and the Workflows (Power Automate)
    // URLs that replace them, whose `sig` query parameter is the credential. Host labels start only
    // where a host can (the lookbehind): otherwise a long run of letters is rescanned from each of
    // its characters, quadratic time on a hostile 10 MB line.
    pattern: new RegExp(
      `(?:https?:\\/\\/)?(?<![a-z0-9.-])(?:[a-z0-9-]+\\.)*(?:webhook\\.office\\.com\\/webhookb2\\/|logic\\.azure\\.com(?::\\d+)?\\/workflows\\/[^\\s"'<>\`]*[?&]sig=|environment\\.api\\.powerplatform\\.com(?::\\d+)?\\/powerautomate\\/[^\\s"'<>\`]*[?&]sig=)${URL_TAIL}`,
    ),
    advice: KEEP_URL,
  },
  {
    id: "aws-access-key-id",
    label: "an AWS access key id",
    // Long-term (AKIA) and temporary (ASIA) key ids; the secret key is never far from them.
    pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/,
    advice:
      "rulebridge uses the role it runs as (the Lambda's, or your profile locally); remove the key and rotate it",
  },
];
