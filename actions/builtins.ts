import type { ActionRegistry } from "../engine/action/registry.js";
import type { ActionDefinition } from "../engine/action/types.js";
import { eventbridgePutAction } from "./eventbridge-put/index.js";
import { indexDocumentAction } from "./index-document/index.js";
import { lambdaInvokeAction } from "./lambda-invoke/index.js";
import { slackPostAction } from "./slack-post/index.js";
import { snsPublishAction } from "./sns-publish/index.js";
import { sqsSendAction } from "./sqs-send/index.js";
import { tagFromTemplateAction } from "./tag-from-template/index.js";
import { webhookAction } from "./webhook/index.js";

/** The actions rulebridge ships. They hold no privilege: a user's action registers the same way. */
export const builtinActions: readonly ActionDefinition[] = [
  tagFromTemplateAction,
  slackPostAction,
  snsPublishAction,
  indexDocumentAction,
  webhookAction,
  eventbridgePutAction,
  sqsSendAction,
  lambdaInvokeAction,
];

/** Registers every built-in through `registry.register`; returns the registry for chaining. */
export function registerBuiltins(registry: ActionRegistry): ActionRegistry {
  for (const action of builtinActions) registry.register(action);
  return registry;
}
