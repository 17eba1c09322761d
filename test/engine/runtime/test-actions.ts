import { ActionRegistry } from "../../../engine/action/registry.js";
import type { ActionServices } from "../../../engine/action/types.js";
import { type ActionDefinition, ActionFailure, type RunInput } from "../../../engine/action/types.js";
import type { CompiledRule } from "../../../engine/compile/rule-compiler.js";
import { Engine } from "../../../engine/engine.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { compileSources } from "../../../engine/rule-set.js";

/**
 * Small actions registered exactly as a user's plug-in would be, so the runtime is tested on
 * its own, independent of the built-in actions' `run`.
 */
export interface Call {
  type: string;
  params: Record<string, unknown>;
  rule: string;
}

export interface TestActions {
  registry: ActionRegistry;
  calls: Call[];
  /** Calls per `key` param of test-flaky, across events (so retries and redeliveries add up). */
  flakyCalls: Map<string, number>;
}

const schema = (properties: Record<string, unknown>) => ({
  type: "object",
  additionalProperties: false,
  properties,
});

function definition(
  type: string,
  properties: Record<string, unknown>,
  run: (input: RunInput) => Promise<unknown>,
  extra: Partial<ActionDefinition> = {},
): ActionDefinition {
  return {
    type,
    description: `test action ${type}`,
    paramsSchema: schema(properties),
    iam: () => [],
    plan: ({ params }) => ({ type, summary: `${type} ${JSON.stringify(params)}`, steps: [] }),
    run: run as ActionDefinition["run"],
    ...extra,
  };
}

export function testActions(): TestActions {
  const calls: Call[] = [];
  const flakyCalls = new Map<string, number>();
  const record = (type: string, input: RunInput) =>
    calls.push({ type, params: input.params, rule: String((input.context.rule as { name: string }).name) });
  const registry = new ActionRegistry();

  registry.register(
    definition("test-count", { label: { type: "string" } }, async (input) => {
      record("test-count", input);
      return {
        status: "changed",
        summary: `counted ${String(input.params.label ?? "")}`,
        detail: { n: calls.length },
      };
    }),
  );
  registry.register(
    definition("test-noop", {}, async (input) => {
      record("test-noop", input);
      return { status: "unchanged", summary: "nothing to do" };
    }),
  );
  registry.register(
    definition(
      "test-flaky",
      { key: { type: "string" }, failTimes: { type: "integer" }, retryAfterMs: { type: "integer" } },
      async (input) => {
        record("test-flaky", input);
        const key = String(input.params.key ?? "default");
        const n = (flakyCalls.get(key) ?? 0) + 1;
        flakyCalls.set(key, n);
        if (n <= Number(input.params.failTimes ?? 1)) {
          const retryAfterMs = input.params.retryAfterMs as number | undefined;
          throw new ActionFailure(`flaky failure ${n}`, {
            retryable: true,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          });
        }
        return { status: "changed", summary: `succeeded on call ${n}` };
      },
    ),
  );
  registry.register(
    definition("test-fail", { reason: { type: "string" } }, async (input) => {
      record("test-fail", input);
      throw new ActionFailure(`refused: ${String(input.params.reason ?? "no reason")}`, { retryable: false });
    }),
  );
  registry.register(
    definition("test-crash", {}, async (input) => {
      record("test-crash", input);
      throw new TypeError("cannot read properties of undefined");
    }),
  );
  registry.register(
    definition("test-sleep", { ms: { type: "integer" } }, async (input) => {
      record("test-sleep", input);
      // Ignores the signal on purpose: the runtime must still stop waiting at the deadline.
      await new Promise((r) => setTimeout(r, Number(input.params.ms)));
      return { status: "changed", summary: "slept" };
    }),
  );
  registry.register(
    definition(
      "test-secret",
      { token: { type: "string" }, leak: { type: "string" } },
      async (input) => {
        record("test-secret", input);
        const token = String(input.params.token);
        // A careless action: quotes its secret and a webhook URL in the failure message.
        throw new ActionFailure(
          `POST https://hooks.slack.com/services/T000/B000/XXXXSECRET failed with token ${token}; ${String(input.params.leak ?? "")}`,
          { retryable: false },
        );
      },
      { secretParams: ["token"] },
    ),
  );
  registry.register({
    type: "test-plan-only",
    description: "has no run",
    paramsSchema: schema({}),
    iam: () => [],
    plan: () => ({ type: "test-plan-only", summary: "plan", steps: [] }),
  });
  return { registry, calls, flakyCalls };
}

/** Compiles rule YAML (documents separated by `---`); fails the test on any rule problem. */
export function compileRules(yaml: string, registry: ActionRegistry): CompiledRule[] {
  const parsed = parseRuleFile("test-rules.yaml", yaml);
  const compiled = compileSources(parsed.sources, registry);
  const problems = [...parsed.problems, ...compiled.problems].filter((p) => p.severity === "error");
  if (problems.length > 0) throw new Error(`rule problems: ${JSON.stringify(problems, null, 2)}`);
  return compiled.rules;
}

export function engineFor(yaml: string, registry: ActionRegistry): Engine {
  return new Engine(compileRules(yaml, registry));
}

/** Services for test actions: none of them talk to AWS or the network. */
export function testServices(env: Record<string, string | undefined> = {}): ActionServices {
  return {
    aws: {
      defaultRegion: "us-east-1",
      client: () => {
        throw new Error("test actions use no AWS client");
      },
    },
    fetch: () => Promise.reject(new Error("test actions use no fetch")),
    env,
    secrets: new Map(),
  };
}

/** A minimal EventBridge event from `test.app`. */
export function testEvent(id: string, detail: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: "0",
    id,
    "detail-type": "Test Happened",
    source: "test.app",
    account: "123456789012",
    time: "2026-01-01T00:00:00Z",
    region: "us-east-1",
    resources: [],
    detail,
  };
}

/** Collects log lines, parsed. */
export function logCollector() {
  const lines: string[] = [];
  return {
    lines,
    log: (line: string) => {
      lines.push(line);
    },
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
