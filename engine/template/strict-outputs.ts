import type { Context, Emitter, Output, Tag, Template } from "liquidjs";
import type { EvaluationBudget } from "../evaluation-budget.js";
import { liquidjs } from "./liquidjs.js";
import { MissingVariableError } from "./template-errors.js";

/** Where a render's scope carries the event's EvaluationBudget (a symbol: no template can name it). */
export const BUDGET: unique symbol = Symbol("rulebridge.evaluationBudget");

function budgetOf(ctx: Context): EvaluationBudget | undefined {
  return (ctx.environments as Record<symbol, EvaluationBudget | undefined>)[BUDGET];
}

/**
 * Makes every `{{ … }}` in parsed templates strict about blanks, which LiquidJS's strictVariables
 * alone is not: it only rejects *undefined* names, and prints null or "" as nothing.
 *
 * For each output, unless its filter chain uses `default`:
 * - the variable it starts from must not be null or an empty string;
 * - the rendered value must not be null, undefined or an empty string.
 * With `default` anywhere in the chain, the starting variable may even be missing (LiquidJS's own
 * lenient mode only covers `default` as the first filter; accepting it anywhere is less surprising).
 *
 * Objects and arrays are written as compact JSON: `[object Object]` is never what anyone meant.
 *
 * The checks run per output rather than per variable lookup so that `{% if %}` tests and
 * `{% assign %}` still see the real value (an `if x == ""` must be able to see an empty string).
 * Outputs are found through the `children()` walk LiquidJS's static analysis is built on.
 * `{% cycle %}` prints its candidates too (and evaluates them leniently), so it gets the same rules.
 *
 * Everything that writes output (outputs, literal text, `raw`, `cycle`) charges what it writes to
 * the event's budget, so loops and `capture` cannot build unbounded text.
 */
export function enforceStrictOutputs(templates: readonly Template[]): void {
  for (const template of walk(templates)) {
    if (template instanceof liquidjs.Output) makeStrict(template);
    else if (template instanceof liquidjs.Tag && template.name === "cycle") makeCycleStrict(template);
    else if (template instanceof liquidjs.Tag && template.name === "raw") chargeWrites(template);
    else if (!(template instanceof liquidjs.Tag) && typeof (template as { str?: unknown }).str === "string") {
      chargeWrites(template); // literal text between tags (LiquidJS's HTML template)
    }
  }
}

/** A leaf template whose writes are charged to the budget before they reach the output. */
function chargeWrites(template: Template): void {
  const original = template.render.bind(template);
  const render = (ctx: Context, emitter: Emitter): unknown => {
    const budget = budgetOf(ctx);
    if (!budget) return original(ctx, emitter);
    const charged: Emitter = {
      write(html: unknown) {
        budget.spendOutput(String(html).length);
        emitter.write(html);
      },
      get buffer() {
        return emitter.buffer;
      },
    };
    const result = original(ctx, charged);
    // `raw` returns its text for the renderer to write instead of writing it.
    if (typeof result === "string") budget.spendOutput(result.length);
    return result;
  };
  Object.defineProperty(template, "render", { value: render, configurable: true, writable: true });
}

function* walk(templates: readonly Template[]): Generator<Template> {
  for (const template of templates) {
    yield template;
    if (template.children) {
      const children = liquidjs.toValueSync(template.children(false, true)) as Template[];
      yield* walk(children);
    }
  }
}

function makeStrict(output: Output): void {
  const value = output.value;
  const lenient = value.filters.some((f) => f.name === "default");
  const subject = startingVariable(output);
  const expression = output.token.getText().trim();

  const render = function* (ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    let val: unknown = yield value.initial.evaluate(ctx, lenient);
    if (!lenient && subject !== undefined) {
      const blank = blankReason(liquidjs.toValue(val));
      if (blank) throw new MissingVariableError(subject, blank);
    }
    for (const filter of value.filters) {
      val = yield filter.render(val, ctx);
    }
    val = liquidjs.toValue(val);
    if (!lenient) {
      const blank = blankReason(val);
      if (blank) throw new MissingVariableError(subject ?? expression, "blank", { expression });
    }
    const text = val !== null && typeof val === "object" ? JSON.stringify(val) : val;
    budgetOf(ctx)?.spendOutput(String(text).length);
    emitter.write(text);
  };
  // An own property shadows Output.prototype.render for this instance only.
  Object.defineProperty(output, "render", { value: render, configurable: true, writable: true });
}

/** LiquidJS's cycle tag returns the chosen candidate's value for the renderer to write. */
function makeCycleStrict(tag: Tag): void {
  const original = tag.render.bind(tag);
  const candidates = (tag as unknown as { candidates?: Array<{ filters?: Array<{ name: string }> }> })
    .candidates;
  const lenient = (candidates ?? []).every((c) => (c.filters ?? []).some((f) => f.name === "default"));
  const expression = tag.token.getText().trim();

  const render = function* (ctx: Context, emitter: Emitter): Generator<unknown, unknown, unknown> {
    const val = liquidjs.toValue(yield original(ctx, emitter));
    if (!lenient && blankReason(val)) throw new MissingVariableError(expression, "blank", { expression });
    const text = val !== null && typeof val === "object" ? JSON.stringify(val) : val;
    budgetOf(ctx)?.spendOutput(String(text).length);
    return text;
  };
  Object.defineProperty(tag, "render", { value: render, configurable: true, writable: true });
}

/** The variable an output starts from, as written (`event.detail.containers[0].name`), if it is one. */
function startingVariable(output: Output): string | undefined {
  const postfix = output.value.initial.postfix;
  const first = postfix[0];
  if (postfix.length !== 1 || !liquidjs.TypeGuards.isPropertyAccessToken(first)) return undefined;
  return first.getText().trim();
}

function blankReason(val: unknown): "null" | "empty" | undefined {
  if (val === null || val === undefined) return "null";
  if (val === "") return "empty";
  return undefined;
}
