/**
 * A process-wide retry budget, the SDK's retry quota (standard mode) applied to every call an
 * action makes: 500 tokens; a retry costs 5 (10 after a timeout or broken connection); a success
 * gives 1 back. While the budget is spent, failures that would be retried are reported as final,
 * so an outage costs each event one call instead of every event its full retry schedule: a Lambda
 * handling a batch during a Slack or AWS outage stops multiplying load on the service that is
 * already down, and the events go to the DLQ for a replay.
 */
export const RETRY_BUDGET_CAPACITY = 500;
export const RETRY_COST = 5;
export const TIMEOUT_RETRY_COST = 10;
export const SUCCESS_REFUND = 1;

export class RetryBudget {
  #tokens: number;

  constructor(readonly capacity: number = RETRY_BUDGET_CAPACITY) {
    this.#tokens = capacity;
  }

  get available(): number {
    return this.#tokens;
  }

  /** Takes the cost of one retry; false (and nothing taken) when the budget cannot pay it. */
  spend(cost: number = RETRY_COST): boolean {
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** A call succeeded: the service is answering again. */
  refund(amount: number = SUCCESS_REFUND): void {
    this.#tokens = Math.min(this.capacity, this.#tokens + amount);
  }
}

/** The budget every built-in action's calls share (one per process, so per Lambda container). */
export const processRetryBudget = new RetryBudget();

/** Said in a failure that would have been retried but for the spent budget. */
export const BUDGET_SPENT =
  "not retried: this process's retry budget is spent (many calls failed recently, the service is likely down)";
