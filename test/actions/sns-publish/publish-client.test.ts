import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { awsErrorFacts, isRetryableAwsError } from "../../../actions/shared/aws-failure.js";
import { SnsPublisher } from "../../../actions/sns-publish/publish-client.js";
import type { PublishInput } from "../../../actions/sns-publish/request.js";
import {
  SCRIPTED_CREDENTIALS,
  type ScriptedAnswer,
  useScriptedServer,
} from "../../support/scripted-server.js";

/**
 * The hand-written Publish against the SDK's SNS client, on the same loopback server: the same
 * input sends the same form fields, and the same answer gives the same result or the same
 * error facts (code, status, message, fault, retryable). moto runs it for real in run.test.ts.
 */
const server = useScriptedServer();

const sdk = () =>
  new SNSClient({
    endpoint: server.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: SCRIPTED_CREDENTIALS,
  });
const ours = () => new SnsPublisher({ region: "us-east-1", maxAttempts: 1, endpoint: server.url });

const input: PublishInput = {
  TopicArn: "arn:aws:sns:us-east-1:123456789012:orders.fifo",
  Message: 'héllo (world)! * ~ & = + % "quoted" 😀\nline two',
  Subject: "Subject: it's (50%)",
  MessageAttributes: {
    cluster: { DataType: "String", StringValue: "arn:aws:ecs:us-east-1:1:cluster/a b" },
    status: { DataType: "String", StringValue: "STOPPED" },
  },
  MessageGroupId: "group-1",
  MessageDeduplicationId: "dedup-1",
};

async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const out = (await call()) as Record<string, unknown>;
    return { ok: { MessageId: out.MessageId, SequenceNumber: out.SequenceNumber } };
  } catch (err) {
    const e = err as { $fault?: unknown; $metadata?: { clockSkewCorrected?: unknown } };
    return {
      facts: awsErrorFacts(err),
      fault: e.$fault,
      retryable: isRetryableAwsError(err),
      clockSkewCorrected: e.$metadata?.clockSkewCorrected === true,
    };
  }
}

const xmlError = (type: string, code: string, message: string) =>
  `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>f2d1c2b0-1</RequestId></ErrorResponse>`;
const xml = { "content-type": "text/xml" };

describe("SnsPublisher", () => {
  it("sends the form fields the SDK sends, signed for sns", async () => {
    server.answer = {
      status: 200,
      headers: xml,
      body: "<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult></PublishResponse>",
    };
    server.seen.length = 0;
    await sdk().send(new PublishCommand(input));
    await ours().publish(input, AbortSignal.timeout(5000));
    const [theirs, mine] = server.seen.map((r) => [...new URLSearchParams(r.body)].sort());
    expect(mine).toEqual(theirs);
    expect(mine).toContainEqual(["Message", input.Message]);
    expect(server.seen[1]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(server.seen[1]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/sns\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(server.seen[1]?.headers["x-amz-security-token"]).toBe("session-token");
  });

  const far = new Date(Date.now() + 3_600_000).toUTCString();
  it.each<[string, ScriptedAnswer]>([
    [
      "a success with a sequence number",
      {
        status: 200,
        headers: xml,
        body: "<PublishResponse><PublishResult><MessageId>5c1e-&amp;</MessageId><SequenceNumber>10000000000000003000</SequenceNumber></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>",
      },
    ],
    [
      "a missing topic",
      {
        status: 404,
        headers: xml,
        body: xmlError("Sender", "NotFound", "Topic &amp; &lt;x&gt; does not exist"),
      },
    ],
    ["throttling", { status: 400, headers: xml, body: xmlError("Sender", "Throttling", "Rate exceeded") }],
    [
      "denied access",
      { status: 403, headers: xml, body: xmlError("Sender", "AuthorizationError", "not authorized") },
    ],
    ["an internal error", { status: 500, headers: xml, body: xmlError("Receiver", "InternalError", "oops") }],
    ["a KMS fault", { status: 400, headers: xml, body: xmlError("Sender", "KMSDisabled", "key disabled") }],
    ["a bare 502", { status: 502, body: "" }],
    [
      "an HTML 503",
      {
        status: 503,
        headers: { "content-type": "text/html" },
        body: "<html><body>Service Unavailable</body></html>",
      },
    ],
    ["a 429 without a body", { status: 429, body: "" }],
    [
      "a request id in the header",
      {
        status: 400,
        headers: { ...xml, "x-amzn-requestid": "hdr-1" },
        body: xmlError("Sender", "InvalidParameter", "bad"),
      },
    ],
    [
      "a clock an hour off",
      {
        status: 403,
        headers: { ...xml, date: far },
        body: xmlError("Sender", "SignatureDoesNotMatch", "Signature expired"),
      },
    ],
  ])("answers %s as the SDK client does", async (_name, a) => {
    server.answer = a;
    expect(await outcome(() => ours().publish(input, AbortSignal.timeout(5000)))).toEqual(
      await outcome(() => sdk().send(new PublishCommand(input))),
    );
  });

  it("signs later requests with the server's clock once it learned it was off", async () => {
    const serverTime = new Date(Date.now() + 3_600_000);
    server.answer = {
      status: 403,
      headers: { ...xml, date: serverTime.toUTCString() },
      body: xmlError("Sender", "SignatureDoesNotMatch", "x"),
    };
    const client = ours();
    await expect(client.publish(input, AbortSignal.timeout(5000))).rejects.toMatchObject({
      $metadata: { clockSkewCorrected: true },
    });
    server.answer = { status: 200, headers: xml, body: "<MessageId>m2</MessageId>" };
    server.seen.length = 0;
    await client.publish(input, AbortSignal.timeout(5000));
    const stamp = String(server.seen[0]?.headers["x-amz-date"]);
    const signedAt = Date.parse(
      stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"),
    );
    expect(Math.abs(signedAt - serverTime.getTime())).toBeLessThan(60_000);
  });

  it("joins the Lambda invocation's X-Ray trace, as the SDK does", async () => {
    server.answer = { status: 200, headers: xml, body: "<MessageId>m</MessageId>" };
    server.seen.length = 0;
    const env: Record<string, string> = {
      AWS_LAMBDA_FUNCTION_NAME: "engine",
      _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793",
    };
    const client = new SnsPublisher({ region: "us-east-1", maxAttempts: 1, endpoint: server.url }, env);
    await client.publish(input, AbortSignal.timeout(5000));
    // The next invocation of the same warm container has a trace of its own.
    env._X_AMZN_TRACE_ID = "Root=1-5759e988-0000000000000000000000aa";
    await client.publish(input, AbortSignal.timeout(5000));
    expect(server.seen.map((r) => r.headers["x-amzn-trace-id"])).toEqual([
      "Root=1-5759e988-bd862e3fe1be46a994272793",
      "Root=1-5759e988-0000000000000000000000aa",
    ]);
  });
});
