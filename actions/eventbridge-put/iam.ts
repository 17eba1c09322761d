import type { IamStatement } from "../../engine/action/types.js";
import { busArnPattern } from "./bus.js";

/** `events:PutEvents` on the bus (a name: that bus in any account/region the engine is deployed to). */
export function eventbridgePutIam(params: Record<string, unknown>): IamStatement[] {
  const bus = typeof params.bus === "string" ? params.bus : "default";
  return [{ actions: ["events:PutEvents"], resources: [busArnPattern(bus)] }];
}
