import type { CompiledAction } from "../compile/rule-compiler.js";
import type { ActionPlan, PlanInput } from "./types.js";

/** The action's plan, through its definition's planner when it has one. */
export function planAction(
  action: CompiledAction,
  params: Record<string, unknown>,
  context: Record<string, unknown>,
): ActionPlan {
  const { definition } = action;
  if (definition.planner === undefined) return definition.plan({ params, context });
  let planner = planners.get(action);
  if (planner === undefined) {
    planner = definition.planner(fixedParams(action));
    planners.set(action, planner);
  }
  return planner({ params, context });
}

/** Each compiled action's planner (ActionDefinition.planner), made on its first plan. */
const planners = new WeakMap<CompiledAction, (input: PlanInput) => ActionPlan>();

/** The params that reach `plan` the same on every event: those holding no template. */
function fixedParams(action: CompiledAction): Record<string, unknown> {
  const templated = new Set(action.templates.templates.map((t) => t.path[0]));
  return Object.fromEntries(Object.entries(action.params).filter(([k]) => !templated.has(k)));
}
