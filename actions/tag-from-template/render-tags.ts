import { ActionFailure } from "../../engine/action/types.js";
import {
  compileTemplate,
  isTemplate,
  MissingVariableError,
  TemplateRenderError,
  TemplateSyntaxError,
} from "../../engine/template/index.js";
import type { InstanceView } from "./instance-view.js";
import { tagValueProblem } from "./tag-rules.js";

/**
 * Renders the deferred tag templates against the described instance. Every tag is rendered and
 * checked before anything is written: a rule whose Name needs `instance.tags.Env` must not leave
 * half its tags behind when Env is missing. Every tag's problem is reported at once, so whoever
 * fixes the instance's tags learns all that is missing from one failure.
 *
 * `skip` lists keys that will not be written whatever they render to (present, and `overwrite`
 * is false): rendering them could only fail the action for a value nobody would use.
 */
export function renderTags(
  templates: Readonly<Record<string, string>>,
  context: Record<string, unknown>,
  instance: InstanceView,
  skip: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const scope = { ...context, instance };
  const rendered: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, source] of Object.entries(templates)) {
    if (skip.has(key)) continue;
    try {
      const value = isTemplate(source) ? renderOne(key, source, scope) : source;
      const problem = tagValueProblem(key, value);
      if (problem) problems.push(problem);
      else rendered[key] = value;
    } catch (err) {
      if (!(err instanceof TagRenderProblem)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) {
    // The same data renders the same way next time: none of these is worth a retry.
    throw new ActionFailure(`not tagging ${instance.id}, no tag written: ${problems.join("; ")}`, {
      retryable: false,
    });
  }
  return rendered;
}

/** A tag whose template could not be rendered; collected, then reported with the others. */
class TagRenderProblem extends Error {}

function renderOne(key: string, source: string, scope: Record<string, unknown>): string {
  try {
    return compileTemplate(source).render(scope);
  } catch (err) {
    if (err instanceof MissingVariableError || err instanceof TemplateRenderError) {
      throw new TagRenderProblem(err.at(["tags", key]).message);
    }
    if (err instanceof TemplateSyntaxError) {
      throw new TagRenderProblem(`tags.${key}: template syntax: ${err.message}`);
    }
    throw err;
  }
}
