import { afterEach, describe, expect, it } from "vitest";
import { awsFailure } from "../../../actions/shared/aws-failure.js";
import { type HttpRequest, statusFailure } from "../../../actions/shared/http-request.js";
import {
  processRetryBudget,
  RETRY_BUDGET_CAPACITY,
  RETRY_COST,
  RetryBudget,
} from "../../../actions/shared/retry-budget.js";

describe("RetryBudget", () => {
  it("pays retries until spent, and successes earn it back", () => {
    const budget = new RetryBudget(12);
    expect(budget.spend(5)).toBe(true);
    expect(budget.spend(5)).toBe(true);
    expect(budget.spend(5)).toBe(false);
    expect(budget.available).toBe(2);
    for (let i = 0; i < 3; i++) budget.refund();
    expect(budget.spend(5)).toBe(true);
    for (let i = 0; i < 100; i++) budget.refund();
    expect(budget.available).toBe(12);
  });
});

/** An outage: every call fails retryably. Past the budget, failures are final, for AWS and HTTP alike. */
describe("the process-wide budget", () => {
  afterEach(() => {
    for (let i = 0; i < RETRY_BUDGET_CAPACITY; i++) processRetryBudget.refund();
  });

  const throttled = Object.assign(new Error("Rate exceeded"), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });
  const req: HttpRequest = { method: "POST", url: "http://x/", headers: {}, target: "<hook>", secrets: [] };
  const unavailable = { status: 503, text: "", headers: new Headers() };

  it("stops retrying once an outage has used it up", () => {
    const retried = Array.from({ length: 150 }, () => awsFailure("sns:Publish", throttled).retryable);
    const allowed = RETRY_BUDGET_CAPACITY / RETRY_COST;
    expect(retried.filter(Boolean).length).toBe(allowed);
    expect(retried.slice(allowed).every((r) => !r)).toBe(true);
    expect(awsFailure("sns:Publish", throttled).message).toMatch(/retry budget is spent/);
    const http = statusFailure(unavailable, req, { answered: "answered", refused: "refused" });
    expect(http.retryable).toBe(false);
    expect(http.message).toMatch(/retry budget is spent/);
  });
});
