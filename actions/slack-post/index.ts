import type { ActionDefinition } from "../../engine/action/types.js";
import { checkSlackPost } from "./check.js";
import { slackPostIam } from "./iam.js";
import { SLACK_POST, slackPostSchema, slackPostSecrets } from "./params.js";
import { planSlackPost } from "./plan.js";
import { slackPostSamples } from "./samples.js";
import { slackPostTarget } from "./target.js";

export const slackPostAction: ActionDefinition = {
  type: SLACK_POST,
  description:
    "Post a message to Slack through an incoming webhook whose URL is KMS-encrypted, in SSM Parameter Store or Secrets Manager, or in an environment variable.",
  paramsSchema: slackPostSchema,
  secretParams: slackPostSecrets,
  check: checkSlackPost,
  iam: slackPostIam,
  plan: planSlackPost,
  // Loaded on the first run, with what it calls (SDK client, HTTP), not with the registry.
  run: async (input) => (await import("./run.js")).runSlackPost(input),
  target: slackPostTarget,
  samples: slackPostSamples,
};
