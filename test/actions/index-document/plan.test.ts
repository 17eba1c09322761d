import { describe, expect, it } from "vitest";
import { indexDocumentAction } from "../../../actions/index-document/index.js";
import { ecsContext, expectNoSecret } from "../fixtures.js";
import { AOSS_ENDPOINT, ENDPOINT, seedPlanParams } from "./seed.js";

const context = ecsContext();
const event = context.event as Record<string, unknown>;
const plan = (params: Record<string, unknown>) => indexDocumentAction.plan({ params, context });

describe("index-document plan", () => {
  it("seed 002: PUT the whole event under its own id, signed with SigV4", () => {
    expect(plan(seedPlanParams)).toEqual({
      type: "index-document",
      summary: `index document 8f07966c-b005-4a0f-9ee9-63d2c41448b3 into ecs-events-2016.10.17 at ${new URL(ENDPOINT).host}`,
      steps: [
        {
          call: `PUT ${ENDPOINT}/ecs-events-2016.10.17/_doc/8f07966c-b005-4a0f-9ee9-63d2c41448b3`,
          input: event,
          note: expect.stringMatching(/^auth: sigv4 \(es, us-east-1\); .*replay does not duplicate/),
        },
      ],
    });
  });

  it("a Serverless collection is signed for aoss", () => {
    const result = plan({ ...seedPlanParams, endpoint: AOSS_ENDPOINT });
    expect(result.steps[0]?.note).toMatch(/^auth: sigv4 \(aoss, us-east-1\)/);
  });

  it("a document mapping is sent as rendered", () => {
    const document = { source: "aws.ecs", lastStatus: "STOPPED" };
    expect(plan({ ...seedPlanParams, document }).steps[0]?.input).toEqual(document);
  });

  it("a document template's JSON text is parsed into the document", () => {
    const detail = event.detail;
    const result = plan({ ...seedPlanParams, document: JSON.stringify(detail) });
    expect(result.steps[0]?.input).toEqual(detail);
  });

  it("ids are escaped into the path", () => {
    const result = plan({ ...seedPlanParams, id: "arn:aws:ecs:us-east-1:123456789012:task/cdf8" });
    expect(result.steps[0]?.call).toBe(
      `PUT ${ENDPOINT}/ecs-events-2016.10.17/_doc/arn%3Aaws%3Aecs%3Aus-east-1%3A123456789012%3Atask%2Fcdf8`,
    );
  });

  it("basic auth from SSM fetches the password first and never shows it", () => {
    const result = plan({
      endpoint: "http://localhost:9200",
      index: "events",
      id: "1",
      auth: { type: "basic", username: "admin", passwordSsmParameter: "/os/admin" },
    });
    expect(result.steps.map((s) => [s.call, s.note])).toEqual([
      ["ssm:GetParameter", expect.stringContaining("never shown")],
      [
        "PUT http://localhost:9200/events/_doc/1",
        expect.stringContaining("basic (user admin, password from ssm parameter /os/admin)"),
      ],
    ]);
  });

  it("a password in the environment is named, never read", () => {
    process.env.RULEBRIDGE_TEST_OS_PASSWORD = "hunter2";
    try {
      const result = plan({
        endpoint: "http://localhost:9200",
        index: "events",
        id: "1",
        auth: { type: "basic", username: "admin", passwordEnv: "RULEBRIDGE_TEST_OS_PASSWORD" },
      });
      expect(result.steps[0]?.note).toContain("password from env RULEBRIDGE_TEST_OS_PASSWORD");
      expectNoSecret(result, ["hunter2"]);
    } finally {
      delete process.env.RULEBRIDGE_TEST_OS_PASSWORD;
    }
  });

  it.each([
    [
      "index rendered upper-case",
      { ...seedPlanParams, index: "ecs-events-Oct" },
      /^index: rendered to "ecs-events-Oct": index names must be lowercase/,
    ],
    ["an empty id", { ...seedPlanParams, id: "" }, /^id: rendered to an empty string/],
    [
      "an id over 512 bytes",
      { ...seedPlanParams, id: "x".repeat(513) },
      /^id: 513 bytes; OpenSearch allows at most 512/,
    ],
    [
      "a document template that is not JSON",
      { ...seedPlanParams, document: "STOPPED" },
      /^document: rendered text is not JSON/,
    ],
    [
      "a document template rendering a list",
      { ...seedPlanParams, document: "[1]" },
      /^document: rendered JSON is not an object/,
    ],
    [
      "an endpoint rendered to remote http",
      { ...seedPlanParams, endpoint: "http://search.example.com" },
      /^endpoint: endpoint must use https/,
    ],
    [
      "a custom endpoint without auth",
      { ...seedPlanParams, endpoint: "https://search.example.com" },
      /^auth: required for endpoints outside amazonaws\.com/,
    ],
  ])("fails naming the param: %s", (_name, params, error) => {
    expect(() => plan(params)).toThrow(error);
  });
});
