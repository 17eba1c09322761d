import { ActionFailure } from "../../engine/action/types.js";
import { maskSecrets } from "../../engine/secrets/index.js";
import { BUDGET_SPENT, processRetryBudget, RETRY_COST, TIMEOUT_RETRY_COST } from "./retry-budget.js";
import { redact } from "./secrets.js";
import { connectionFailure, isAbort, isRetryableStatus, retryAfterMs } from "./transient.js";

/**
 * One HTTP request of an action (Slack, webhook), with the failure policy every HTTP action
 * shares: a timeout on each request as well as the run's deadline, network errors by the one
 * policy in transient.ts, 429/408/5xx retryable (Retry-After honoured), the process's retry
 * budget, and a short, secret-free excerpt of what the server said.
 */

/** How long one request may take, connection to last byte, unless the action says otherwise. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
/**
 * The longest Retry-After obeyed. A server asking for more (a 429 with `Retry-After: 600`) fails
 * the action at once: waiting would hold the event (and a CLI run) for minutes, and the engine
 * would give up anyway wherever the remaining time is shorter.
 */
export const MAX_RETRY_AFTER_MS = 120_000;
/** Runs of whitespace and control characters (Unicode Cc), folded to one space in excerpts. */
const CONTROL_OR_SPACE = /[\s\p{Cc}]+/gu;
/** Characters of a refusal's body quoted in a failure. */
const EXCERPT_MAX = 200;

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** How messages name the target: `<webhook from ssm parameter /x>`; never the URL. */
  target: string;
  /** Values to scrub from anything quoted (the URL, secret header values). */
  secrets: readonly string[];
}

/** A non-success answer: the failure carries the status, so an action can react (drop a revoked secret). */
export class HttpStatusFailure extends ActionFailure {
  readonly status: number;

  constructor(message: string, status: number, opts: { retryable: boolean; retryAfterMs?: number }) {
    super(message, opts);
    this.status = status;
  }
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body as text ("" when it could not be read after a success). */
  text: string;
}

/**
 * Sends the request; resolves with any HTTP answer, rejects with an ActionFailure when no answer
 * came (timeout, abort, network). Redirects are not followed: a webhook answers directly, and
 * following one would hand the body to whoever answers there.
 */
export async function sendHttp(
  fetchFn: typeof fetch,
  req: HttpRequest,
  signal: AbortSignal,
): Promise<HttpAnswer> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const both = AbortSignal.any([signal, timeout]);
  const init: RequestInit = { method: req.method, headers: req.headers, signal: both, redirect: "manual" };
  if (req.body !== undefined) init.body = req.body;
  let response: Response;
  try {
    response = await fetchFn(req.url, init);
  } catch (err) {
    throw noAnswer(err, req, signal, timeout, timeoutMs);
  }
  let text = "";
  try {
    text = await response.text();
  } catch (err) {
    if (!response.ok) throw noAnswer(err, req, signal, timeout, timeoutMs);
  }
  if (response.status < 500 && response.status !== 429) processRetryBudget.refund();
  return { status: response.status, headers: response.headers, text };
}

/** The failure for a request that got no answer. fetch's own errors are not kept as causes: undici quotes the URL. */
function noAnswer(
  err: unknown,
  req: HttpRequest,
  signal: AbortSignal,
  timeout: AbortSignal,
  timeoutMs: number,
): ActionFailure {
  const call = `${req.method} ${req.target}`;
  if (signal.aborted) {
    return new ActionFailure(`${call} aborted: the invocation ran out of time`, { retryable: true });
  }
  if (timeout.aborted || isAbort(err)) {
    return retryableUnlessSpent(
      `${call} timed out: no answer within ${formatSeconds(timeoutMs)}`,
      TIMEOUT_RETRY_COST,
    );
  }
  const connection = connectionFailure(err);
  if (connection !== undefined)
    return retryableUnlessSpent(`${call} failed: ${connection}`, TIMEOUT_RETRY_COST);
  // Not a network fault (a malformed URL, a refused TLS certificate): the same next time.
  return new ActionFailure(`${call} failed: ${scrub(describe(err), req.secrets)}`, { retryable: false });
}

/**
 * The failure for an answer that is not a success: retryable for 429/408/5xx (with the server's
 * Retry-After, unless it is longer than MAX_RETRY_AFTER_MS), final otherwise. `refused` says
 * who refused, e.g. `Slack refused the post`; `answered` for retryable ones, e.g. `Slack answered`.
 */
export function statusFailure(
  answer: HttpAnswer,
  req: HttpRequest,
  words: { answered: string; refused: string },
): HttpStatusFailure {
  const call = `${req.method} ${req.target}`;
  const status = answer.status;
  const excerpt = responseExcerpt(answer.text, req.secrets);
  const said = excerpt === "" ? "" : ` ${excerpt}`;
  if (isRetryableStatus(answer.status)) {
    const wait = retryAfterMs(answer.headers.get("retry-after"));
    if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) {
      return new HttpStatusFailure(
        `${call}: ${words.answered} HTTP ${answer.status}${said}; Retry-After ${Math.ceil(wait / 1000)}s is longer than the ${MAX_RETRY_AFTER_MS / 1000}s rulebridge waits, so not retried`,
        status,
        { retryable: false },
      );
    }
    const after = wait !== undefined ? `; Retry-After ${Math.ceil(wait / 1000)}s` : "";
    const failure = retryableUnlessSpent(
      `${call}: ${words.answered} HTTP ${answer.status}${said}${after}`,
      RETRY_COST,
    );
    return new HttpStatusFailure(failure.message, status, {
      retryable: failure.retryable,
      ...(wait !== undefined && failure.retryable ? { retryAfterMs: wait } : {}),
    });
  }
  const why = answer.status >= 300 && answer.status < 400 ? " (redirects are not followed)" : "";
  return new HttpStatusFailure(`${call}: ${words.refused}: HTTP ${answer.status}${said}${why}`, status, {
    retryable: false,
  });
}

/** A refusal's body, short and safe to log: secrets scrubbed, whitespace folded, control characters dropped. */
export function responseExcerpt(text: string, secrets: readonly string[]): string {
  const folded = maskSecrets(scrub(text, secrets)).replace(CONTROL_OR_SPACE, " ").trim();
  return folded.length > EXCERPT_MAX ? `${folded.slice(0, EXCERPT_MAX)}…` : folded;
}

function retryableUnlessSpent(message: string, cost: number): ActionFailure {
  if (processRetryBudget.spend(cost)) return new ActionFailure(message, { retryable: true });
  return new ActionFailure(`${message}; ${BUDGET_SPENT}`, { retryable: false });
}

function scrub(text: string, secrets: readonly string[]): string {
  return redact(text, secrets);
}

/** The error and its causes' messages, which is where undici says what actually went wrong. */
function describe(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur instanceof Error; depth++) {
    parts.push(cur.message);
    cur = cur.cause;
  }
  return parts.length > 0 ? parts.join(": ") : String(err);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
