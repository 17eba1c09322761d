import { jsonError } from "../actions/shared/aws-json.js";
import { SignedHttp } from "../actions/shared/signed-http.js";

/** The DynamoDB operations the idempotency store makes. */
export type DynamoDbOperation = "PutItem" | "UpdateItem" | "DeleteItem" | "GetItem";

/** One DynamoDB call: the operation's input and output as the API's JSON (AttributeValues as `{S: …}`). */
export interface DynamoDbCalls {
  call(operation: DynamoDbOperation, input: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface DynamoDbJsonOptions {
  region: string;
  /** Overrides the endpoint (tests, DynamoDB Local); else as the SDK picks one, from the environment. */
  endpoint?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * DynamoDB over its JSON protocol, by hand: one SigV4-signed POST per call, the input as the
 * API's JSON and `X-Amz-Target` naming the operation. The idempotency store claims a record on
 * every action of a cold start, and the SDK's DynamoDB client would load its runtime (about
 * 200 KB of chunks, node:crypto) for it, as sns-publish/publish-client.ts explains for SNS. The
 * regional endpoint is used (the SDK's account-ID endpoints need the account in the
 * credentials, which Lambda's environment does not carry); errors have the SDK's shape
 * (aws-json.ts). Tests hold it to the SDK client on the same answers and to moto.
 */
export class DynamoDbJson implements DynamoDbCalls {
  readonly #http: SignedHttp;

  constructor(opts: DynamoDbJsonOptions) {
    this.#http = new SignedHttp({
      service: "dynamodb",
      region: opts.region,
      endpoint: opts.endpoint,
      env: opts.env ?? process.env,
      fipsIsRegularIn: ["us-gov-east-1", "us-gov-west-1"],
    });
  }

  async call(operation: DynamoDbOperation, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    // No signal: the store's calls carry no deadline of their own; the invocation's timeout bounds them.
    const answer = await this.#http.post(JSON.stringify(input), {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `DynamoDB_20120810.${operation}`,
      "user-agent": "rulebridge idempotency",
    });
    if (answer.status < 200 || answer.status >= 300) {
      const errorType = answer.headers["x-amzn-errortype"];
      throw jsonError(
        answer.status,
        answer.text,
        { errorType: typeof errorType === "string" ? errorType : undefined, requestId: answer.requestId },
        answer.clockSkewCorrected,
      );
    }
    return answer.text === "" ? {} : (JSON.parse(answer.text) as Record<string, unknown>);
  }
}
