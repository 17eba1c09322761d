/**
 * The handler over rule files, for library use and local runs (the deployed bundle starts from
 * artifact-handler.ts with the rule artifact synth wrote instead). Everything is set up once per cold
 * start: rules loaded and compiled from RULEBRIDGE_RULES_DIR (default ./rules, relative to the
 * task root), the built-in actions, SDK clients in AWS_REGION, and the idempotency store —
 * DynamoDB when RULEBRIDGE_IDEMPOTENCY_TABLE is set, else memory. Rules with errors make the
 * import itself fail: the function refuses to start rather than silently run fewer rules.
 */
import { registerBuiltins } from "../actions/builtins.js";
import { ActionRegistry } from "../engine/action/registry.js";
import { formatProblem } from "../engine/problem.js";
import { stdoutLog } from "../engine/runtime/log-line.js";
import { defaultServices, loadEngine, storeFromEnv } from "./cold-start.js";
import { createHandler } from "./create-handler.js";
import type { LambdaHandler } from "./lambda-contract.js";

export const RULES_DIR_ENV = "RULEBRIDGE_RULES_DIR";

const env = process.env;
const { engine, warnings } = await loadEngine(
  [env[RULES_DIR_ENV] ?? "./rules"],
  registerBuiltins(new ActionRegistry()),
);
for (const w of warnings) {
  stdoutLog(JSON.stringify({ level: "warn", message: "rulebridge rule warning", problem: formatProblem(w) }));
}

export const handler: LambdaHandler = createHandler({
  engine,
  services: defaultServices(env),
  store: storeFromEnv(env),
});
