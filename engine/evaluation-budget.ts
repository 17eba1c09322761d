/**
 * What one event may cost in conditions and templates, across all the rules it matches. Events
 * are not reviewed the way rule files are: a `reduce` over a 64k-item array, or nested loops in
 * 21 templates, must fail that event (and send it to the DLQ) instead of holding the Lambda for
 * minutes or filling its memory.
 */
export interface EvaluationLimits {
  /** Wall time for every condition and template of the event together. */
  timeMs: number;
  /** Characters all templates of the event may write (captures included), and the longest
   * string or array a condition may build. */
  outputChars: number;
}

export const EVENT_LIMITS: Readonly<EvaluationLimits> = { timeMs: 2_000, outputChars: 10_000_000 };

/** The event used up its budget; the message says which bound, never the data. */
export class BudgetExceededError extends Error {
  override readonly name = "BudgetExceededError";
}

/** One event's remaining budget; created by the engine per event and shared by its rules. */
export class EvaluationBudget {
  readonly limits: Readonly<EvaluationLimits>;
  readonly #deadline: number;
  #outputLeft: number;

  constructor(limits: Readonly<EvaluationLimits> = EVENT_LIMITS) {
    this.limits = limits;
    this.#deadline = performance.now() + limits.timeMs;
    this.#outputLeft = limits.outputChars;
  }

  /** Milliseconds left (0 when spent). */
  remainingMs(): number {
    return Math.max(0, this.#deadline - performance.now());
  }

  expired(): boolean {
    return performance.now() > this.#deadline;
  }

  /** Throws once the time is spent. */
  checkTime(): void {
    if (this.expired()) throw new BudgetExceededError(this.timeMessage());
  }

  /** Counts characters written by a template; throws once the event wrote more than its share. */
  spendOutput(chars: number): void {
    this.#outputLeft -= chars;
    if (this.#outputLeft < 0) {
      throw new BudgetExceededError(
        `templates wrote over ${this.limits.outputChars.toLocaleString("en-US")} characters for this event`,
      );
    }
  }

  /** Throws when one value a condition builds is longer than the output bound. */
  checkSize(length: number): void {
    if (length > this.limits.outputChars) {
      throw new BudgetExceededError(
        `a value over ${this.limits.outputChars.toLocaleString("en-US")} characters or items was built for this event`,
      );
    }
  }

  timeMessage(): string {
    return `conditions and templates took over ${this.limits.timeMs} ms for this event`;
  }
}
