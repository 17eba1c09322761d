import {
  type Context,
  type Emitter,
  Output,
  Tag,
  type Template,
  TypeGuards,
  toValue,
  toValueSync,
} from "liquidjs";
import { MissingVariableError } from "./template-errors.js";

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
 */
export function enforceStrictOutputs(templates: readonly Template[]): void {
  for (const template of walk(templates)) {
    if (template instanceof Output) makeStrict(template);
    else if (template instanceof Tag && template.name === "cycle") makeCycleStrict(template);
  }
}

function* walk(templates: readonly Template[]): Generator<Template> {
  for (const template of templates) {
    yield template;
    if (template.children) {
      const children = toValueSync(template.children(false, true)) as Template[];
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
      const blank = blankReason(toValue(val));
      if (blank) throw new MissingVariableError(subject, blank);
    }
    for (const filter of value.filters) {
      val = yield filter.render(val, ctx);
    }
    val = toValue(val);
    if (!lenient) {
      const blank = blankReason(val);
      if (blank) throw new MissingVariableError(subject ?? expression, "blank", { expression });
    }
    emitter.write(val !== null && typeof val === "object" ? JSON.stringify(val) : val);
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
    const val = toValue(yield original(ctx, emitter));
    if (!lenient && blankReason(val)) throw new MissingVariableError(expression, "blank", { expression });
    return val !== null && typeof val === "object" ? JSON.stringify(val) : val;
  };
  Object.defineProperty(tag, "render", { value: render, configurable: true, writable: true });
}

/** The variable an output starts from, as written (`event.detail.containers[0].name`), if it is one. */
function startingVariable(output: Output): string | undefined {
  const postfix = output.value.initial.postfix;
  const first = postfix[0];
  if (postfix.length !== 1 || !TypeGuards.isPropertyAccessToken(first)) return undefined;
  return first.getText().trim();
}

function blankReason(val: unknown): "null" | "empty" | undefined {
  if (val === null || val === undefined) return "null";
  if (val === "") return "empty";
  return undefined;
}
