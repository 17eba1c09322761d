import { createRequire } from "node:module";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { JsonSchema } from "../action/types.js";
import type { RuleSource } from "../load/rule-file.js";
import type { JsonPath } from "../load/source-map.js";
import type { Problem, ProblemCode } from "../problem.js";
import { precompiledName, precompiledValidator, standaloneValidatorCode } from "./standalone-validators.js";

let AjvClass: typeof Ajv2020 | undefined;

/**
 * Validates rule documents against the rule schema and turns ajv's errors into problems that
 * point at the offending YAML node. ajv reports the same mistake through several keywords
 * (if/then, oneOf branches); this keeps the one a person would want to read.
 */
export class SchemaValidator {
  readonly #validate: ValidateFunction;
  readonly #subject: string;

  /** `subject` names the validated document in messages ("rule", "settings", …). */
  constructor(schema: JsonSchema, subject = "rule") {
    this.#subject = subject;
    this.#validate = SchemaValidator.#compileShared(schema);
  }

  static #shared: Ajv2020 | undefined;

  /**
   * The build's precompiled validator (standalone-validators.ts) when there is one; otherwise
   * compiled with one ajv instance for every validator, so the meta-schema that checks each schema
   * is compiled once, not once per validator (settings, rules, fixture cases). An instance refuses
   * a second schema with the same `$id`: the root's is left out (refs in the schema are local), and
   * a schema with other ids or anchors gets an instance of its own.
   */
  static #compileShared(schema: JsonSchema): ValidateFunction {
    const precompiled = precompiledFor(schema);
    if (precompiled) return precompiled;
    const { rest, json } = withoutRootId(schema);
    if (/"\$(?:id|anchor|dynamicAnchor)"/.test(json)) return SchemaValidator.#ajv().compile(schema);
    SchemaValidator.#shared ??= SchemaValidator.#ajv();
    const validate = SchemaValidator.#shared.compile(rest);
    // The instance would otherwise keep every schema it compiled (one per registry in a test run).
    SchemaValidator.#shared.removeSchema(rest);
    return validate;
  }

  /** Whether the build precompiled `schema`: a validator for it then costs no compile. */
  static isPrecompiled(schema: JsonSchema): boolean {
    return precompiledFor(schema) !== undefined;
  }

  /**
   * The standalone module code of `schema` as SchemaValidator compiles it (the root `$id` left
   * out), and its module name: what the build writes under PRECOMPILED_FOLDER.
   */
  static standaloneModule(schema: JsonSchema): { name: string; code: string } {
    const { rest, json } = withoutRootId(schema);
    const ajv = SchemaValidator.#ajv({ source: true });
    return { name: precompiledName(json), code: standaloneValidatorCode(ajv, rest) };
  }

  static #ajv(code: { source?: boolean } = {}): Ajv2020 {
    // Loaded on the first schema compiled, not with `import "rulebridge"`: matching needs no ajv.
    AjvClass ??= (createRequire(import.meta.url)("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js"))
      .Ajv2020;
    // No optimising pass over the generated code: it took a third of compiling the rule schema,
    // paid by every command at start, and validating documents the size of rule files gains nothing.
    return new AjvClass({
      allErrors: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
      code: { optimize: false, ...code },
    });
  }

  /** Why `schema` would not compile here (e.g. an unknown format in an action's params), or undefined. */
  static schemaFault(schema: JsonSchema): string | undefined {
    try {
      SchemaValidator.#ajv().compile(schema);
      return undefined;
    } catch (err) {
      return (err as Error).message.split("\n")[0];
    }
  }

  validate(source: RuleSource): Problem[] {
    return this.validateAt(source, [], this.#subject);
  }

  /**
   * Validates the value at `prefix` inside a parsed document (e.g. one case of a list of fixture
   * cases); `subject` names the whole value in messages.
   */
  validateAt(source: RuleSource, prefix: JsonPath, subject = this.#subject): Problem[] {
    const value = valueAt(source.value, prefix);
    if (this.#validate(value)) return [];
    const errors = this.#validate.errors ?? [];
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const err of errors) {
      const mapped = mapError(err, errors, value, subject);
      if (!mapped) continue;
      const pos = source.map.locate([...prefix, ...mapped.path], { key: mapped.atKey });
      const key = `${mapped.code}:${pos.line}:${pos.col}:${mapped.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({
        code: mapped.code,
        severity: "error",
        file: source.file,
        ...pos,
        message: mapped.message,
      });
    }
    return problems;
  }
}

interface Mapped {
  code: ProblemCode;
  path: JsonPath;
  atKey: boolean;
  message: string;
}

function mapError(err: ErrorObject, all: ErrorObject[], root: unknown, subject: string): Mapped | undefined {
  const path = pointerToPath(err.instancePath, root);
  const where = err.instancePath === "" ? subject : `\`${path.join(".")}\``;
  // Wrapper keywords only restate what their branches already said.
  if (err.keyword === "if" || err.keyword === "allOf") return undefined;
  if (err.schemaPath.includes("/oneOf/") || err.schemaPath.includes("/anyOf/")) {
    if (err.keyword === "enum" || err.keyword === "multipleOf") {
      // period's anyOf: report once through the anyOf error below.
      return undefined;
    }
    if (err.keyword === "not" || err.keyword === "required") return undefined;
  }
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      return {
        code: "SCHEMA_UNKNOWN_KEY",
        path: [...path, key],
        atKey: true,
        message: `unknown key \`${key}\` in ${where}`,
      };
    }
    case "required": {
      const key = String((err.params as { missingProperty: string }).missingProperty);
      return { code: "SCHEMA_MISSING_KEY", path, atKey: false, message: `${where} needs \`${key}\`` };
    }
    case "type":
      return {
        code: "SCHEMA_TYPE",
        path,
        atKey: false,
        message: `${where} ${err.message ?? "has the wrong type"}`,
      };
    case "enum": {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues;
      if (path.length === 3 && path[0] === "actions" && path[2] === "type") {
        return {
          code: "UNKNOWN_ACTION",
          path,
          atKey: false,
          message: `unknown action type ${JSON.stringify(valueAt(root, path))}; registered: ${allowed.join(", ")}`,
        };
      }
      return {
        code: "SCHEMA_INVALID",
        path,
        atKey: false,
        message: `${where} must be one of: ${allowed.join(", ")}`,
      };
    }
    case "false schema":
      return { code: "SCHEMA_INVALID", path, atKey: true, message: `${where} is not allowed here` };
    case "oneOf":
      if (path.length === 1 && path[0] === "on") {
        const hasAny = all.some((e) => e.instancePath === "/on" && e.keyword === "required");
        return {
          code: hasAny ? "SCHEMA_MISSING_KEY" : "SCHEMA_INVALID",
          path,
          atKey: false,
          message: "`on` needs exactly one of `pattern` or `alarm`",
        };
      }
      if (path.at(-1) === "alarm") {
        return {
          code: "SCHEMA_INVALID",
          path,
          atKey: false,
          message: `${where} needs exactly one of \`statistic\` or \`extendedStatistic\``,
        };
      }
      return { code: "SCHEMA_INVALID", path, atKey: false, message: `${where} ${err.message}` };
    case "anyOf":
      if (path.at(-1) === "period") {
        return {
          code: "SCHEMA_INVALID",
          path,
          atKey: false,
          message: `${where} must be 10, 20, 30 or a multiple of 60`,
        };
      }
      return { code: "SCHEMA_INVALID", path, atKey: false, message: `${where} ${err.message}` };
    default:
      return {
        code: "SCHEMA_INVALID",
        path,
        atKey: false,
        message: `${where} ${err.message ?? "is invalid"}`,
      };
  }
}

/** JSON pointer → path; array indexes become numbers by looking at the value they index. */
function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === "") return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const i = Number(seg);
      path.push(i);
      node = node[i];
    } else {
      path.push(seg);
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

export function valueAt(root: unknown, path: JsonPath): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = Object.hasOwn(node, seg) ? (node as Record<string | number, unknown>)[seg] : undefined;
  }
  return node;
}

/**
 * The build's validator for `schema`, looked up once per schema object: a caller asking
 * isPrecompiled and then making the validator serializes and hashes the schema once.
 */
function precompiledFor(schema: JsonSchema): ValidateFunction | undefined {
  let found = precompiledBySchema.get(schema);
  if (found === undefined) {
    found = precompiledValidator(withoutRootId(schema).json) ?? null;
    precompiledBySchema.set(schema, found);
  }
  return found ?? undefined;
}

const precompiledBySchema = new WeakMap<JsonSchema, ValidateFunction | null>();

/** A schema as SchemaValidator compiles it (the root `$id` left out) and its JSON, which names it. */
function withoutRootId(schema: JsonSchema): { rest: JsonSchema; json: string } {
  const { $id: _id, ...rest } = schema;
  return { rest, json: JSON.stringify(rest) };
}
