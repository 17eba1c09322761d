import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lambdaInvokeAction } from "../../../actions/lambda-invoke/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import {
  type FaultProxy,
  motoUrl,
  startFaultProxy,
  TEST_ACCOUNT_ID,
  uniqueName,
} from "../../support/services/index.js";
import { ecsContext } from "../fixtures.js";
import { failureOf, renderedParams, runAction, testServices, useAwsTestEnv } from "../run-support.js";

/**
 * lambda-invoke against moto's Lambda. Without Docker, moto runs functions with its "simple"
 * backend (switched on through its config API): a RequestResponse invocation answers with the
 * payload it received, which is how the test reads back what was sent. A function error cannot be
 * provoked there, so it comes from a fault proxy answering as Lambda does (X-Amz-Function-Error).
 */
let services: ActionServices;
let lambda: LambdaClient;
let proxy: FaultProxy;
let functionArn: string;
let functionName: string;

beforeAll(async () => {
  useAwsTestEnv();
  const config = await fetch(`${motoUrl()}/moto-api/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ lambda: { use_docker: false } }),
  });
  expect(config.status).toBe(201);
  services = testServices();
  lambda = services.aws.client(LambdaClient);
  const iam = services.aws.client(IAMClient);
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: uniqueName("fn-role"),
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    }),
  );
  functionName = uniqueName("fn");
  const fn = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: role.Role?.Arn,
      Code: { ZipFile: new TextEncoder().encode("exports.handler = async (e) => e;") },
    }),
  );
  functionArn = fn.FunctionArn ?? "";
  const version = await lambda.send(new PublishVersionCommand({ FunctionName: functionName }));
  await lambda.send(
    new CreateAliasCommand({ FunctionName: functionName, Name: "live", FunctionVersion: version.Version }),
  );
  proxy = await startFaultProxy(motoUrl());
});

afterAll(async () => {
  await proxy?.close();
});

const event = ecsContext().event as { id: string; detail: { taskArn: string } };

describe("lambda-invoke run", () => {
  it("invokes asynchronously (Event) by default", async () => {
    const result = await runAction(lambdaInvokeAction, { function: functionName }, ecsContext(), services);
    expect(result.summary).toBe(`invoked ${functionName}: queued (HTTP 202)`);
    expect(result.detail).toMatchObject({ statusCode: 202 });
  });

  it("RequestResponse by ARN: the function receives the rendered payload", async () => {
    const result = await runAction(
      lambdaInvokeAction,
      {
        function: functionArn,
        invocationType: "RequestResponse",
        payload: { task: "{{ event.detail.taskArn }}" },
      },
      ecsContext(),
      services,
    );
    expect(result.detail).toMatchObject({ statusCode: 200 });
    // moto's function without Docker answers with what it was given.
    expect(JSON.parse(String(result.detail?.response))).toEqual({ task: event.detail.taskArn });
  });

  it("by name with an alias", async () => {
    const result = await runAction(
      lambdaInvokeAction,
      {
        function: `${functionName}:live`,
        invocationType: "RequestResponse",
        payload: '{"id": "{{ event.id }}"}',
      },
      ecsContext(),
      services,
    );
    expect(JSON.parse(String(result.detail?.response))).toEqual({ id: event.id });
  });

  it("a function error is a failure carrying its error type", async () => {
    proxy.script([
      {
        match: { path: /\/invocations/ },
        fault: {
          kind: "respond",
          status: 200,
          headers: { "content-type": "application/json", "x-amz-function-error": "Unhandled" },
          body: JSON.stringify({
            errorType: "TaskNotFound",
            errorMessage: "no task arn:aws:ecs:x",
            trace: [],
          }),
        },
      },
    ]);
    const failure = await failureOf(
      runAction(
        lambdaInvokeAction,
        { function: functionName, invocationType: "RequestResponse" },
        ecsContext(),
        testServices({ endpoint: proxy.url }),
      ),
    );
    expect(failure.message).toBe(
      `lambda:Invoke: function ${functionName} failed (Unhandled): TaskNotFound: no task arn:aws:ecs:x`,
    );
    expect(failure.retryable).toBe(false);
  });
});

describe("lambda-invoke plan, check, iam", () => {
  it("plans the exact request", () => {
    const context = ecsContext();
    const plan = lambdaInvokeAction.plan({
      params: renderedParams(lambdaInvokeAction, { function: "remediate" }, context),
      context,
    });
    expect(plan.steps).toEqual([
      {
        call: "lambda:Invoke",
        input: { FunctionName: "remediate", InvocationType: "Event", Payload: event },
      },
    ]);
  });

  it.each([
    ["a bad name", { function: "my function" }, "INVALID_PARAM"],
    ["an ARN of another service", { function: "arn:aws:sqs:us-east-1:123456789012:q" }, "INVALID_ARN"],
    ["a layer ARN", { function: "arn:aws:lambda:us-east-1:123456789012:layer:x" }, "INVALID_ARN"],
  ])("check: %s", (_name, params, code) => {
    expect(lambdaInvokeAction.check?.(params).map((i) => [i.code, i.path])).toEqual([[code, ["function"]]]);
  });

  it.each([
    ["remediate", ["arn:aws:lambda:*:*:function:remediate"]],
    [
      "remediate:live",
      ["arn:aws:lambda:*:*:function:remediate", "arn:aws:lambda:*:*:function:remediate:live"],
    ],
    [
      `arn:aws:lambda:eu-west-1:${TEST_ACCOUNT_ID}:function:remediate`,
      [`arn:aws:lambda:eu-west-1:${TEST_ACCOUNT_ID}:function:remediate`],
    ],
  ])("iam for %s is scoped to the function", (fn, resources) => {
    expect(lambdaInvokeAction.iam({ function: fn })).toEqual([
      { actions: ["lambda:InvokeFunction"], resources },
    ]);
  });
});
