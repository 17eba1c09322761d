import type { ActionDefinition } from "../../engine/action/types.js";
import { checkSlackPost } from "./check.js";
import { slackPostIam } from "./iam.js";
import { SLACK_POST, slackPostSchema, slackPostSecrets } from "./params.js";
import { planSlackPost } from "./plan.js";
import { runSlackPost } from "./run.js";
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
  run: runSlackPost,
  target: slackPostTarget,
  samples: slackPostSamples,
};
