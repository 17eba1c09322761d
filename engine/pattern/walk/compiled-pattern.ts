import { type Branch, CompileFailure } from "../syntax/compile-failure.js";
import { toJsonNode } from "../syntax/json-node.js";
import { buildMachineModel, patternIdentity, type StateModel } from "../syntax/machine-model.js";
import { compileBranches } from "../syntax/pattern-compiler.js";
import { type PatternError, PatternSyntaxError } from "../syntax/pattern-error.js";
import {
  MAX_WILDCARD_COMPLEXITY,
  WILDCARD_COMPLEXITY_MESSAGE,
  wildcardComplexity,
} from "../syntax/wildcard-complexity.js";
import type { ValuePattern } from "../values/value-pattern.js";
import { type Alternative, type AlternativeField, matchAlternative, UsedSteps } from "./alternative.js";
import { type FlatEvent, flattenEvent } from "./flat-event.js";

/** A pattern compiled once, to be matched against many events. */
export interface CompiledPattern {
  matches(event: unknown): boolean;
}

/** event-ruler's limit on the fields of one $or branch. */
const MAX_FIELDS = 256;

/** What compilePattern produces; also what PatternIndex indexes. */
export class PatternProgram implements CompiledPattern {
  constructor(
    readonly alternatives: readonly Alternative[],
    /** The model of event-ruler's machine for this pattern (PatternIndex reads each branch's route). */
    readonly root: StateModel,
    private readonly steps: UsedSteps,
    /** Some field has an IP pattern, so exact numeric literals may also match addresses. */
    readonly hasIp: boolean,
  ) {}

  matches(event: unknown): boolean {
    try {
      const flat = flattenEvent(event);
      return flat !== null && this.matchesFlat(flat);
    } catch {
      // Defensive: matching must never throw, whatever the event.
      return false;
    }
  }

  matchesFlat(event: FlatEvent): boolean {
    return this.alternatives.some((alt) => matchAlternative(alt, this.root, event, this.steps));
  }

  matchesAlternative(index: number, event: FlatEvent): boolean {
    const alt = this.alternatives[index];
    return alt !== undefined && matchAlternative(alt, this.root, event, this.steps);
  }
}

/** The checks event-ruler only makes while adding a compiled branch to its state machine. */
function toAlternative(branch: Branch, index: number): Alternative {
  if (branch.size > MAX_FIELDS)
    throw new CompileFailure(`Size of rule exceeds max value of ${MAX_FIELDS}`, [], false);
  const fields: AlternativeField[] = [];
  for (const path of [...branch.keys()].sort()) {
    const { entries } = branch.get(path) ?? { entries: [] };
    const degenerate = entries.find((e) => e.degenerateRange);
    if (degenerate) {
      throw new CompileFailure(
        "A one-sided numeric range bounded at ±1.7976931348623157e308 is empty (event-ruler fails: Index 10 out of bounds for length 10)",
        degenerate.path,
        false,
      );
    }
    const first = entries[0];
    if (first?.emptySet) {
      throw new CompileFailure(
        "An anything-but with an empty list cannot be a field's first value (event-ruler fails with a NullPointerException)",
        first.path,
        false,
      );
    }
    const patterns: ValuePattern[] = [];
    let absent = false;
    for (const { pattern } of entries) {
      if (pattern === "absent") absent = true;
      else patterns.push(pattern);
    }
    fields.push({ path, patterns, ids: patterns.map(patternIdentity), absent });
  }
  return { index, fields };
}

type Compiled = { program: PatternProgram } | { error: PatternError };

function compileProgram(pattern: unknown): Compiled {
  try {
    return compileChecked(pattern);
  } catch (error) {
    // Defensive: arbitrary input must only ever produce a rejection, never a crash.
    return { error: { message: `Pattern could not be compiled: ${String(error)}`, path: [] } };
  }
}

function compileChecked(pattern: unknown): Compiled {
  const input = toJsonNode(pattern);
  if ("error" in input) return input;
  let branches: Branch[];
  let legacy = false;
  try {
    branches = compileBranches(input.node, false);
  } catch (error) {
    if (!(error instanceof CompileFailure)) throw error;
    if (!error.parseError) return { error: { message: error.message, path: error.path } };
    // event-ruler's Machine retries with its legacy compiler, which reads "$or" as a field name;
    // when that fails too we still report the first compiler's (more helpful) reason.
    try {
      branches = [compileBranches(input.node, true)[0] ?? new Map()];
      legacy = true;
    } catch (legacyError) {
      if (!(legacyError instanceof CompileFailure)) throw legacyError;
      return { error: { message: error.message, path: error.path } };
    }
  }
  try {
    const alternatives = branches.map(toAlternative);
    // The service's own check, after event-ruler accepts the pattern (the legacy compiler reads no wildcards).
    if (!legacy) {
      const { complexity, at } = wildcardComplexity(branches);
      if (complexity > MAX_WILDCARD_COMPLEXITY)
        return { error: { message: WILDCARD_COMPLEXITY_MESSAGE, path: at } };
    }
    const paths = branches.flatMap((b) => [...b.keys()]);
    const hasIp = alternatives.some((alt) =>
      alt.fields.some((f) => f.patterns.some((p) => p.type === "cidr")),
    );
    const root = buildMachineModel(branches);
    const steps = new UsedSteps(paths);
    return { program: new PatternProgram(alternatives, root, steps, hasIp) };
  } catch (error) {
    if (error instanceof CompileFailure) return { error: { message: error.message, path: error.path } };
    throw error;
  }
}

/** null when EventBridge accepts the pattern, else why it does not (event-ruler's wording). */
export function checkPattern(pattern: unknown): PatternError | null {
  const result = compileProgram(pattern);
  return "error" in result ? result.error : null;
}

/**
 * checkPattern and compilePattern in one compilation: the compiled pattern when EventBridge accepts
 * it, else why not. For callers that check a pattern and then match with it (rule compilation).
 */
export function checkAndCompilePattern(
  pattern: unknown,
): { pattern: CompiledPattern } | { error: PatternError } {
  const result = compileProgram(pattern);
  return "error" in result ? result : { pattern: result.program };
}

/**
 * Internal form of compilePattern, for PatternIndex. Throws PatternSyntaxError. `compiled`: what
 * compilePattern already made of this pattern, if the caller has it; then nothing is compiled again.
 */
export function compileProgramOrThrow(pattern: unknown, compiled?: CompiledPattern): PatternProgram {
  if (compiled instanceof PatternProgram) return compiled;
  const result = compileProgram(pattern);
  if ("error" in result) throw new PatternSyntaxError(result.error);
  return result.program;
}

/** Compiles `pattern` once for matching many events. Throws PatternSyntaxError when it is invalid. */
export function compilePattern(pattern: unknown): CompiledPattern {
  return compileProgramOrThrow(pattern);
}

/** Convenience: compile `pattern` and match one event. Throws PatternSyntaxError when it is invalid. */
export function matchPattern(pattern: unknown, event: unknown): boolean {
  return compileProgramOrThrow(pattern).matches(event);
}
