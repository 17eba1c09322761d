import { BudgetExceededError, EvaluationBudget } from "../evaluation-budget.js";
import type { CompiledTemplate, VariablePath } from "./compile-template.js";
import { DECLINE, isJsonContainer, jsonFilter, OVER_MEMORY, readProperty } from "./simple-values.js";
import { MissingVariableError, TemplateRenderError } from "./template-errors.js";

/**
 * Templates that are only text and `{{ path }}` (or `{{ path | json }}`) outputs, rendered without liquidjs: the engine
 * bundle can render them before (or without ever) loading it, and replay skips its interpreter.
 * Everything here reproduces what liquid-template.ts + strict-outputs.ts do with the rule Liquid
 * instance (liquid-engine.ts) for the same source: output, errors and budget charges. Any source
 * outside the subset is left to liquidjs (compileSimpleTemplate returns undefined).
 */

/** One piece of a simple template: literal text, or an output's path. */
type Segment = { readonly text: string } | { readonly path: Path };

interface Path {
  /** As written, trimmed: the subject of MissingVariableError. */
  readonly source: string;
  /** Root name first; numbers for `[n]`, strings for names and `["key"]`, as liquidjs evaluates them. */
  readonly keys: ReadonlyArray<string | number>;
  /** Written through the `json` filter. */
  readonly json: boolean;
}

/** liquid-engine.ts's parseLimit: longer sources fail to parse there. */
const PARSE_LIMIT = 1_000_000;

/** Liquid literals: as the first word of an output they are values, not variable names. */
const LITERALS = new Set(["true", "false", "nil", "null", "empty", "blank"]);

/**
 * A safe subset of what liquidjs's tokenizer reads as one name (it also takes `?`, a leading
 * digit or `-`, and non-ASCII); it stops at `.`, `[`, and the blanks around an output.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;
/** `.name`, `[-1]`, `["key"]`, `['key']`: a quoted key holds no quote, backslash, bracket, brace or pipe. */
const STEP = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(-?\d{1,15})\]|\["([^"'\\[\]{}|]*)"\]|\['([^"'\\[\]{}|]*)'\]/;
/** A path and a `json` filter without arguments. */
const JSON_FILTER = /^(.*?)[ \t\r\n]*\|[ \t\r\n]*json$/s;
/** Blanks liquidjs trims inside `{{ }}`; it trims a few more (form feed, unicode spaces): declined. */
const BLANKS = /^[ \t\r\n]*|[ \t\r\n]*$/g;

/** Whether `source` is in the subset compileSimpleTemplate renders without liquidjs. */
export function isSimpleTemplate(source: string): boolean {
  return parse(source) !== undefined;
}

/**
 * The template for `source` rendered without liquidjs, or undefined when it is not in the subset.
 * `fallback` compiles it with liquidjs: used only for a context value that is not JSON data
 * (a Date, a class instance, a function), which this does not interpret.
 */
export function compileSimpleTemplate(
  source: string,
  fallback?: (source: string) => CompiledTemplate,
): CompiledTemplate | undefined {
  const segments = parse(source);
  return segments && new SimpleTemplate(source, segments, fallback);
}

function parse(source: string): Segment[] | undefined {
  if (typeof source !== "string" || source.length > PARSE_LIMIT) return undefined;
  // No tags, and no whitespace control (`{{-`, `-}}`) anywhere, not even in text.
  if (source.includes("{%") || source.includes("{{-") || source.includes("-}}")) return undefined;
  const segments: Segment[] = [];
  let at = 0;
  for (;;) {
    const open = source.indexOf("{{", at);
    if (open === -1) break;
    if (open > at) segments.push({ text: source.slice(at, open) });
    // The first `}}` closes the output: liquidjs skips quoted text, but no quote in the subset holds braces.
    const close = source.indexOf("}}", open + 2);
    if (close === -1) return undefined;
    const path = parseOutput(source.slice(open + 2, close).replace(BLANKS, ""));
    if (!path) return undefined;
    segments.push({ path });
    at = close + 2;
  }
  if (at < source.length) segments.push({ text: source.slice(at) });
  return segments;
}

function parseOutput(inner: string): Path | undefined {
  const filtered = JSON_FILTER.exec(inner);
  return filtered ? parsePath(filtered[1] as string, true) : parsePath(inner, false);
}

function parsePath(written: string, json: boolean): Path | undefined {
  const root = NAME.exec(written)?.[0];
  // A root `size` reads liquidjs's globals (the count of their keys) when the context lacks it.
  if (root === undefined || LITERALS.has(root) || root === "size") return undefined;
  const keys: Array<string | number> = [root];
  const step = new RegExp(STEP.source, "y");
  step.lastIndex = root.length;
  while (step.lastIndex < written.length) {
    const m = step.exec(written);
    if (!m) return undefined;
    const [, name, index, doubleQuoted, singleQuoted] = m;
    keys.push(index !== undefined ? Number(index) : (name ?? doubleQuoted ?? singleQuoted ?? ""));
  }
  return { source: written, keys, json };
}

/** What an output evaluates to before anything is written: its text, or the error it raises. */
type Resolved = string | MissingVariableError | TemplateRenderError;

/** The error of a render's first failing output, if one failed. */
type Failure = MissingVariableError | TemplateRenderError | undefined;

export class SimpleTemplate implements CompiledTemplate {
  readonly variables: ReadonlyArray<VariablePath>;
  /** Per segment: its literal text, or null for an output (whose path is in #paths). */
  readonly #texts: readonly (string | null)[];
  /** The outputs' paths, in order. */
  readonly #paths: readonly Path[];
  /** Some output goes through `json`, whose memory charge needs a counter. */
  readonly #json: boolean;
  readonly #fallback: ((source: string) => CompiledTemplate) | undefined;
  #liquid: CompiledTemplate | undefined;
  /** Every output reads `event`: the text depends on the event alone. */
  readonly #eventOnly: boolean;
  /**
   * The last render of an event-only template: its budget (one per evaluation of an event), the
   * event, and what the outputs resolved to. Another render in the same evaluation for the same
   * event (another rule writing the same template) resolves nothing again; the budget is charged
   * as usual.
   */
  #last:
    | { budget: EvaluationBudget; event: unknown; out: string; pieces: number; failure: Failure }
    | undefined;

  constructor(
    readonly source: string,
    segments: readonly Segment[],
    fallback: ((source: string) => CompiledTemplate) | undefined,
  ) {
    this.#texts = segments.map((s) => ("text" in s ? s.text : null));
    this.#paths = segments.flatMap((s) => ("path" in s ? [s.path] : []));
    this.#json = this.#paths.some((p) => p.json);
    this.#fallback = fallback;
    this.variables = variablesOf(segments);
    this.#eventOnly = this.#paths.every((p) => p.keys[0] === "event");
  }

  render(context: Record<string, unknown>, budget = new EvaluationBudget()): string {
    // LiquidTemplate renders against `{ ...context }`: own enumerable properties only.
    const scope = isRecord(context) ? context : {};
    if (typeof scope.toLiquid === "function") return this.#liquidTemplate().render(context, budget);
    // Outputs are read first and charged after, so that a value this cannot read hands the whole
    // render to liquidjs before any of it was charged to the budget. The text is built meanwhile:
    // charging the length written before the first failing output at once is what charging each
    // piece in turn does (the budget only ever falls, and throws once below zero).
    let out = "";
    let pieces = 0;
    let failure: Failure;
    const last = this.#last;
    const event =
      this.#eventOnly && Object.prototype.propertyIsEnumerable.call(scope, "event") ? scope.event : undefined;
    if (last !== undefined && last.budget === budget && event !== undefined && last.event === event) {
      ({ out, pieces, failure } = last);
    } else {
      const texts = this.#texts;
      const paths = this.#paths;
      const memory = this.#json ? { used: 0 } : NO_JSON;
      for (let i = 0, next = 0; i < texts.length; i++) {
        let text = texts[i] as string | null;
        if (text === null) {
          const one = resolveOutput(scope, paths[next++] as Path, memory);
          if (one === DECLINE) return this.#liquidTemplate().render(context, budget);
          if (typeof one !== "string") {
            failure = one;
            break;
          }
          text = one;
        }
        out += text;
        pieces++;
      }
      if (event !== undefined) this.#last = { budget, event, out, pieces, failure };
    }
    try {
      if (budget.expired()) throw new BudgetExceededError(budget.timeMessage());
      if (pieces > 0) budget.spendOutput(out.length);
    } catch (err) {
      // As LiquidTemplate.render: a spent budget wins over whatever else stopped the render.
      throw new TemplateRenderError(`template stopped: ${(err as Error).message}`, undefined, { cause: err });
    }
    if (failure !== undefined) {
      if (budget.expired())
        throw new TemplateRenderError(`template stopped: ${budget.timeMessage()}`, undefined, {
          cause: failure,
        });
      throw failure;
    }
    return out;
  }

  #liquidTemplate(): CompiledTemplate {
    if (!this.#fallback)
      throw new Error("rulebridge: a template value is not JSON data and liquidjs is not available");
    this.#liquid ??= this.#fallback(this.source);
    return this.#liquid;
  }
}

/** The memory counter of templates without `json` outputs: never charged. */
const NO_JSON = { used: 0 };

/** strict-outputs.ts's output render for a path, without filters or with `json`. */
function resolveOutput(
  scope: Record<string, unknown>,
  path: Path,
  memory: { used: number },
): Resolved | typeof DECLINE {
  const { keys } = path;
  const root = keys[0] as string;
  let value: unknown = Object.prototype.propertyIsEnumerable.call(scope, root) ? scope[root] : undefined;
  if (typeof value === "function") return DECLINE;
  if (value === undefined) return missing(keys, 1);
  for (let i = 1; i < keys.length; i++) {
    const next = readProperty(value, keys[i] as string | number);
    if (next === DECLINE) return DECLINE;
    if (next === undefined) return missing(keys, i + 1);
    value = next;
  }
  if (value === null) return new MissingVariableError(path.source, "null");
  if (value === "") return new MissingVariableError(path.source, "empty");
  if (path.json) {
    const text = jsonFilter(value, memory);
    if (text !== OVER_MEMORY) return text;
    // liquidjs's AssertionError, wrapped in a RenderError whose position liquid-template.ts strips.
    return new TemplateRenderError("template could not be rendered: memory alloc limit exceeded");
  }
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
      return String(value);
    case "object":
      if (!isJsonContainer(value)) return DECLINE;
      try {
        return JSON.stringify(value);
      } catch {
        return DECLINE; // a cycle or a BigInt: let liquidjs report it its way
      }
    default:
      return DECLINE;
  }
}

/** The MissingVariableError liquid-template.ts makes of liquidjs's undefined-variable error. */
function missing(keys: ReadonlyArray<string | number>, length: number): MissingVariableError {
  const name = keys.slice(0, length).join(".");
  const written = name
    .split(".")
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join("");
  return new MissingVariableError(written, "missing");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * What liquidjs's static analysis lists for the outputs: paths grouped by root name (roots in
 * order of first use; no root is integer-like, which would reorder them), each path once.
 */
function variablesOf(segments: readonly Segment[]): VariablePath[] {
  const byRoot = new Map<string | number, VariablePath[]>();
  for (const segment of segments) {
    if (!("path" in segment)) continue;
    const root = segment.path.keys[0] as string;
    const group = byRoot.get(root) ?? [];
    group.push(segment.path.keys);
    byRoot.set(root, group);
  }
  const seen = new Set<string>();
  const out: VariablePath[] = [];
  for (const path of [...byRoot.values()].flat()) {
    const key = JSON.stringify(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path);
  }
  return out;
}
