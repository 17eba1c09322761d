import type { ActionTarget } from "../../engine/action/types.js";
import { text } from "../shared/target-text.js";

/** Where lambda-invoke lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function lambdaInvokeTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const fn = text(p.function);
  if (fn === undefined) return undefined;
  const name = fn.startsWith("arn:") ? fn.split(":").slice(6).join(":") : fn;
  return { key: `lambda|${fn}`, label: `Lambda ${name}` };
}
