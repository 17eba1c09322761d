import type { IamStatement } from "../../engine/action/types.js";
import { functionArnPatterns } from "./function-ref.js";

/** `lambda:InvokeFunction` on the function (and the qualifier it is invoked with). */
export function lambdaInvokeIam(params: Record<string, unknown>): IamStatement[] {
  const fn = typeof params.function === "string" ? params.function : "";
  return [{ actions: ["lambda:InvokeFunction"], resources: functionArnPatterns(fn) }];
}
