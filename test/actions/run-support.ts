import { expect, vi } from "vitest";
import { AwsClients } from "../../actions/aws-clients.js";
import {
  type ActionDefinition,
  ActionFailure,
  type ActionResult,
  type ActionServices,
} from "../../engine/action/types.js";
import type { CompiledAction } from "../../engine/compile/rule-compiler.js";
import { renderAction } from "../../engine/engine.js";
import { compileParams } from "../../engine/template/index.js";
import { awsTestEnv, motoUrl } from "../support/services/index.js";

/**
 * Running an action as the engine does, against real services: params get the action's defaults
 * and are rendered by the engine's own `renderAction` (deferred params stay template source),
 * then `run` gets real AWS clients pointed at moto and the real `fetch`.
 */

/**
 * AWS credentials and region for the SDK's default chain (moto accepts any); call in beforeAll.
 * The actions' clients find credentials the way they do in Lambda, from the environment, and
 * index-document's SigV4 signer reads the same chain.
 */
export function useAwsTestEnv(): void {
  for (const [name, value] of Object.entries(awsTestEnv())) vi.stubEnv(name, value);
}

export interface TestServicesOptions {
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** Where every AWS client points; moto unless a test routes through a fault proxy. */
  endpoint?: string;
}

/** Fresh services: own client cache and an empty secret cache, so tests do not share decrypted secrets. */
export function testServices(opts: TestServicesOptions = {}): ActionServices {
  return {
    aws: new AwsClients("us-east-1", opts.endpoint ?? motoUrl()),
    fetch: opts.fetch ?? fetch,
    env: opts.env ?? {},
    secrets: new Map(),
  };
}

/** The params `run` receives for these written params, exactly as the engine renders them. */
export function renderedParams(
  definition: ActionDefinition,
  written: Record<string, unknown>,
  context: Record<string, unknown>,
): Record<string, unknown> {
  const params: Record<string, unknown> = { ...structuredClone(definition.defaults ?? {}), ...written };
  const deferred = definition.deferredParams ?? {};
  const now = Object.fromEntries(Object.entries(params).filter(([k]) => !(k in deferred)));
  const action: CompiledAction = {
    index: 0,
    type: definition.type,
    definition,
    params,
    templates: compileParams(now),
  };
  const prepared = renderAction(action, context);
  if ("error" in prepared) throw new Error(`params did not render: ${prepared.error}`);
  return prepared.params;
}

/** Renders and runs the action once. */
export function runAction(
  definition: ActionDefinition,
  written: Record<string, unknown>,
  context: Record<string, unknown>,
  services: ActionServices,
  signal: AbortSignal = new AbortController().signal,
): Promise<ActionResult> {
  if (!definition.run) throw new Error(`${definition.type} has no run`);
  return definition.run({ params: renderedParams(definition, written, context), context, services, signal });
}

/** The ActionFailure the promise rejects with; fails the test when it resolves or throws anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<ActionFailure> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ActionFailure);
    return err as ActionFailure;
  }
  throw new Error(`expected an ActionFailure, got a result: ${JSON.stringify(result)}`);
}

/**
 * Everything a failure would put in a log: message, stack, and each cause's message and stack,
 * so a secret hidden in a wrapped library error is caught too.
 */
export function failureText(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; depth < 8 && cur !== undefined && cur !== null; depth++) {
    if (cur instanceof Error) {
      parts.push(cur.message, cur.stack ?? "");
      parts.push(
        JSON.stringify(
          cur,
          Object.getOwnPropertyNames(cur).filter((k) => k !== "cause"),
        ) ?? "",
      );
      cur = cur.cause;
    } else {
      parts.push(String(cur));
      break;
    }
  }
  return parts.join("\n");
}
