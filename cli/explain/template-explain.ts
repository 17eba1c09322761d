import type { CompiledAction } from "../../engine/compile/rule-compiler.js";
import { formatPath, MissingVariableError } from "../../engine/template/index.js";

/** A template of an action that could not render because a variable was missing, null or empty. */
export interface TemplateMiss {
  action: number;
  type: string;
  /** The variable as written, e.g. `event.detail.containers[0].name`. */
  variable: string;
  /** Where in the action's params the template sits, e.g. `subject`. */
  param: string;
  reason: string;
  message: string;
}

/** Renders the action's templates as the engine does and names the variable that stopped it. */
export function explainTemplates(
  action: CompiledAction,
  context: Record<string, unknown>,
): TemplateMiss | undefined {
  try {
    action.templates.render(context);
    return undefined;
  } catch (err) {
    if (!(err instanceof MissingVariableError)) return undefined;
    return {
      action: action.index,
      type: action.type,
      variable: err.variable,
      param: err.paramPath ? formatPath(err.paramPath) : "(params)",
      reason: err.reason,
      message: err.message,
    };
  }
}
