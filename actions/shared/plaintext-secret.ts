import type { ParamIssue } from "../../engine/action/types.js";
import { findSecretsIn, plaintextSecretMessage, type SecretPattern } from "../../engine/secrets/index.js";

/**
 * PLAINTEXT_SECRET for every string of the params that holds a secret the core recogniser knows
 * (plus `extra`), wherever it was pasted. The message says what it is, never the value: check
 * output ends up in CI logs. The compiler runs the same recogniser over the whole rule; an action
 * runs it on its params so its own `check` is complete when called alone (tests, tools).
 */
export function plaintextSecretIssues(
  params: Record<string, unknown>,
  extra: readonly SecretPattern[] = [],
): ParamIssue[] {
  return findSecretsIn(params, extra).map(({ path, pattern }) => ({
    code: "PLAINTEXT_SECRET",
    path,
    message: plaintextSecretMessage(pattern),
  }));
}
