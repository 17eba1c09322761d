import type { AwsClientConfig } from "../../engine/action/types.js";
import { queryBody, queryError, xmlValue } from "../shared/aws-query.js";
import { SignedHttp } from "../shared/signed-http.js";
import type { PublishInput } from "./request.js";

export interface PublishOutput {
  MessageId?: string;
  SequenceNumber?: string;
}

/**
 * SNS `Publish`, by hand: one SigV4-signed, form-encoded POST (the Query protocol) and one value
 * read from the XML answer. The SDK's SNS client does the same through a middleware stack,
 * endpoint rules and an XML parser that a cold start would load and build for this one call;
 * publishing is what most rules do, and a cold start is where the engine's latency lives. The
 * credential chain, the partition data and the error classifiers are the SDK's; the signature,
 * the endpoint and the errors are held by tests to the SDK's signer and SNS client, and the
 * whole to moto. Built by `services.aws.client(SnsPublisher, region)`, like an SDK client: one
 * per region.
 */
export class SnsPublisher {
  readonly #http: SignedHttp;

  constructor(config: AwsClientConfig, env: Readonly<Record<string, string | undefined>> = process.env) {
    this.#http = new SignedHttp({
      service: "sns",
      region: config.region,
      endpoint: config.endpoint,
      env,
      fipsIsRegularIn: ["us-gov-east-1", "us-gov-west-1"],
    });
  }

  /** Publishes; throws the SDK-shaped error SNS answered with, or Node's when no answer came. */
  async publish(input: PublishInput, signal: AbortSignal): Promise<PublishOutput> {
    const answer = await this.#http.post(
      queryBody(publishParams(input)),
      { "content-type": "application/x-www-form-urlencoded", "user-agent": "rulebridge sns-publish" },
      signal,
    );
    if (answer.status < 200 || answer.status >= 300) {
      throw queryError(answer.status, answer.text, answer.requestId, answer.clockSkewCorrected);
    }
    const out: PublishOutput = {};
    const messageId = xmlValue(answer.text, "MessageId");
    if (messageId !== undefined) out.MessageId = messageId;
    const sequence = xmlValue(answer.text, "SequenceNumber");
    if (sequence !== undefined) out.SequenceNumber = sequence;
    return out;
  }
}

/** The request's form fields, named and ordered as the SDK's serializer writes them. */
export function publishParams(input: PublishInput): Array<[string, string]> {
  const params: Array<[string, string]> = [
    ["Action", "Publish"],
    ["Version", "2010-03-31"],
    ["TopicArn", input.TopicArn],
    ["Message", input.Message],
  ];
  if (input.Subject !== undefined) params.push(["Subject", input.Subject]);
  let n = 0;
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {})) {
    n++;
    params.push([`MessageAttributes.entry.${n}.Name`, name]);
    params.push([`MessageAttributes.entry.${n}.Value.DataType`, value.DataType]);
    params.push([`MessageAttributes.entry.${n}.Value.StringValue`, value.StringValue]);
  }
  if (input.MessageDeduplicationId !== undefined) {
    params.push(["MessageDeduplicationId", input.MessageDeduplicationId]);
  }
  if (input.MessageGroupId !== undefined) params.push(["MessageGroupId", input.MessageGroupId]);
  return params;
}
