import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { awsErrorFacts, isRetryableAwsError } from "../../actions/shared/aws-failure.js";
import { DynamoDbJson } from "../../handler/dynamodb-json.js";
import { SCRIPTED_CREDENTIALS, type ScriptedAnswer, useScriptedServer } from "../support/scripted-server.js";

/**
 * The idempotency store's own DynamoDB calls against the SDK's DynamoDB client, on one loopback
 * server: the same request body and target, and the same answer gives the same output or the
 * same error (code, status, message, fault, retryable, the failed condition's item).
 * test/handler/dynamodb-idempotency-store.test.ts runs the store through it against moto.
 */
const server = useScriptedServer();

const sdk = () =>
  new DynamoDBClient({
    endpoint: server.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: SCRIPTED_CREDENTIALS,
  });
const ours = () => new DynamoDbJson({ region: "us-east-1", endpoint: server.url });

const put = {
  TableName: "idem",
  Item: { pk: { S: "e#r#0" }, status: { S: "in-progress" }, expiresAt: { N: "1796670000" } },
  ConditionExpression: "attribute_not_exists(pk) OR #expires < :now",
  ExpressionAttributeNames: { "#expires": "expiresAt" },
  ExpressionAttributeValues: { ":now": { N: "1796669000" } },
  ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
};

async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const { $metadata: _metadata, ...out } = (await call()) as Record<string, unknown>;
    return { ok: out };
  } catch (err) {
    const e = err as { $fault?: unknown; Item?: unknown; name?: unknown };
    return {
      name: e.name,
      facts: awsErrorFacts(err),
      fault: e.$fault,
      retryable: isRetryableAwsError(err),
      item: e.Item,
    };
  }
}

const json = { "content-type": "application/x-amz-json-1.0" };
const typed = (type: string, message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message, ...extra });

describe("DynamoDbJson", () => {
  it("sends the body and target the SDK sends, signed for dynamodb", async () => {
    server.answer = { status: 200, headers: json, body: "{}" };
    server.seen.length = 0;
    await sdk().send(new PutItemCommand(put));
    await ours().call("PutItem", put);
    const [theirs, mine] = server.seen;
    expect(JSON.parse(mine?.body ?? "")).toEqual(JSON.parse(theirs?.body ?? ""));
    expect(mine?.headers["x-amz-target"]).toBe(theirs?.headers["x-amz-target"]);
    expect(mine?.headers["content-type"]).toBe(theirs?.headers["content-type"]);
    expect(mine?.headers.authorization).toMatch(
      /Credential=AKIDTEST\/\d{8}\/us-east-1\/dynamodb\/aws4_request/,
    );
  });

  it("reads an item as the SDK does", async () => {
    server.answer = {
      status: 200,
      headers: json,
      body: JSON.stringify({ Item: { pk: { S: "e#r#0" }, status: { S: "done" }, result: { S: '{"a":1}' } } }),
    };
    const input = { TableName: "idem", Key: { pk: { S: "e#r#0" } }, ConsistentRead: true };
    expect(await outcome(() => ours().call("GetItem", input))).toEqual(
      await outcome(() => sdk().send(new GetItemCommand(input))),
    );
  });

  it.each<[string, ScriptedAnswer]>([
    [
      "a failed condition, with the item",
      {
        status: 400,
        headers: json,
        body: typed("ConditionalCheckFailedException", "The conditional request failed", {
          Item: { pk: { S: "e#r#0" }, status: { S: "done" } },
        }),
      },
    ],
    [
      "a missing table",
      {
        status: 400,
        headers: json,
        body: typed("ResourceNotFoundException", "Requested resource not found"),
      },
    ],
    [
      "throttling",
      {
        status: 400,
        headers: json,
        body: typed("ThrottlingException", "Rate of requests exceeds the allowed throughput."),
      },
    ],
    [
      "exceeded throughput",
      {
        status: 400,
        headers: json,
        body: typed(
          "ProvisionedThroughputExceededException",
          "The level of configured provisioned throughput for the table was exceeded.",
        ),
      },
    ],
    [
      "an internal error",
      { status: 500, headers: json, body: typed("InternalServerError", "Internal server error") },
    ],
    [
      "denied access",
      { status: 400, headers: json, body: typed("AccessDeniedException", "User is not authorized") },
    ],
    [
      "the code in x-amzn-errortype",
      {
        status: 400,
        headers: {
          ...json,
          "x-amzn-errortype":
            "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        },
        body: JSON.stringify({ message: "One or more parameter values were invalid" }),
      },
    ],
    ["a bare 502", { status: 502, body: "" }],
  ])("answers %s as the SDK client does", async (_name, a) => {
    server.answer = a;
    expect(await outcome(() => ours().call("PutItem", put))).toEqual(
      await outcome(() => sdk().send(new PutItemCommand(put))),
    );
  });

  it("reports a page that is not JSON as Unknown with its status, retryable like the SDK's deserialization error", async () => {
    server.answer = {
      status: 503,
      headers: { "content-type": "text/html" },
      body: "<html>Service Unavailable</html>",
    };
    const mine = (await outcome(() => ours().call("PutItem", put))) as { facts: unknown; retryable: boolean };
    const theirs = (await outcome(() => sdk().send(new PutItemCommand(put)))) as { retryable: boolean };
    expect(mine.facts).toEqual({ code: "Unknown", status: 503, message: "UnknownError" });
    expect(mine.retryable).toBe(theirs.retryable);
    expect(mine.retryable).toBe(true);
  });
});
