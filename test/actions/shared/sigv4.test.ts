import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SignableRequest, type SigningCredentials, signRequest } from "../../../actions/shared/sigv4.js";

/** rulebridge's SigV4 against the SDK's own signer: the same request, date and keys give the same headers. */
const DATE = new Date("2026-03-04T05:06:07.890Z");
const KEYS: SigningCredentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const SESSION: SigningCredentials = { ...KEYS, sessionToken: "FwoGZXIvYXdzEJr//////////wEaDK token" };

async function sdkSign(
  request: SignableRequest,
  scope: { service: string; region: string },
  credentials: SigningCredentials,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ ...scope, credentials, sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "https:",
      hostname: "h",
      path: request.path,
      query: {},
      headers: request.headers,
      body: request.body,
    },
    { signingDate: DATE },
  );
  return lower(signed.headers as Record<string, string>);
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

const form = "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At&Message=hi";
const base = (over: Partial<SignableRequest> = {}): SignableRequest => ({
  method: "POST",
  path: "/",
  headers: { host: "sns.us-east-1.amazonaws.com", "content-type": "application/x-www-form-urlencoded" },
  body: form,
  ...over,
});

describe("signRequest", () => {
  it.each([
    ["a Publish form", base(), KEYS],
    ["with a session token", base(), SESSION],
    ["an empty body", base({ body: "" }), KEYS],
    ["a body outside ASCII", base({ body: "Message=%C3%BC%F0%9F%98%80&x=é😀" }), KEYS],
    ["a host with a port", base({ headers: { host: "127.0.0.1:5055", "content-type": "text/plain" } }), KEYS],
    [
      "headers in mixed case, folded values, unsignable headers",
      base({
        headers: {
          Host: "sns.eu-west-1.amazonaws.com",
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Custom": "  a   b\t\tc \r\n d  ",
          "User-Agent": "rulebridge sns-publish",
          "X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793",
          "Proxy-Authorization": "x",
          "Sec-Fetch-Mode": "cors",
          Connection: "keep-alive",
          "content-length": "86",
        },
      }),
      SESSION,
    ],
    ["a path with segments", base({ path: "/a/b/" }), KEYS],
    ["a path with dot segments", base({ path: "/a/./b/../c" }), KEYS],
    ["a path encoded once", base({ path: "/a%20b/c%2Fd/(x)" }), KEYS],
    ["a GET", base({ method: "GET", body: "" }), KEYS],
  ])("signs %s as the SDK does", async (_name, request, credentials) => {
    const scope = { service: "sns", region: "us-east-1" };
    const ours = await signRequest(request, scope, credentials, DATE);
    expect(ours).toEqual(await sdkSign(request, scope, credentials));
  });

  it("signs other services and regions as the SDK does", async () => {
    for (const scope of [
      { service: "es", region: "eu-central-1" },
      { service: "sqs", region: "cn-north-1" },
      { service: "sns", region: "us-gov-west-1" },
    ]) {
      expect(await signRequest(base(), scope, KEYS, DATE)).toEqual(await sdkSign(base(), scope, KEYS));
    }
  });

  it("matches the SDK for any header values and body (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string({ unit: "grapheme" }),
        fc.constantFrom("/", "/x", "/x/y/", "/%41"),
        async (value, body, path) => {
          const request = base({ path, body, headers: { ...base().headers, "x-value": value } });
          const scope = { service: "sns", region: "ap-southeast-2" };
          expect(await signRequest(request, scope, SESSION, DATE)).toEqual(
            await sdkSign(request, scope, SESSION),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps one signing key per day and credentials: a new secret signs differently", async () => {
    const other = { ...KEYS, accessKeyId: "AKIDOTHER", secretAccessKey: "another" };
    const a = await signRequest(base(), { service: "sns", region: "us-east-1" }, KEYS, DATE);
    const b = await signRequest(base(), { service: "sns", region: "us-east-1" }, other, DATE);
    expect(a.authorization).not.toBe(b.authorization);
    expect(b).toEqual(await sdkSign(base(), { service: "sns", region: "us-east-1" }, other));
  });
});
