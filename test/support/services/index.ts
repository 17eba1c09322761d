// What tests import to talk to real services. Importing this module (directly or through another test
// helper) also tells test/setup/services-setup.ts that the run needs moto and OpenSearch started.
export type { ServicesContext } from "./context.js";
export type {
  Fault,
  FaultProxy,
  FaultRule,
  FaultScript,
  ProxiedRequest,
  RequestMatch,
} from "./fault-proxy.js";
export { startFaultProxy } from "./fault-proxy.js";
export type { AwsErrorOptions, AwsProtocol, CannedResponse } from "./fault-responses.js";
export { awsError, awsThrottling, httpError, openSearchError } from "./fault-responses.js";
export type { AwsTestClientConfig } from "./provisioned.js";
export {
  awsClientConfig,
  awsTestEnv,
  motoUrl,
  openSearchUrl,
  resetMoto,
  serviceVersions,
  TEST_ACCOUNT_ID,
  TEST_REGION,
} from "./provisioned.js";
export type { LiteralSlackReply, SlackReceiver, SlackReply, SlackRequest } from "./slack-receiver.js";
export { slackReplies, startSlackReceiver } from "./slack-receiver.js";
export { uniqueName } from "./unique-name.js";
export { unreachableUrl } from "./unreachable-url.js";
export type { WebhookReceiver, WebhookReply, WebhookRequest } from "./webhook-receiver.js";
export { startWebhookReceiver } from "./webhook-receiver.js";
