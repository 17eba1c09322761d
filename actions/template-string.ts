/**
 * Static views of param strings that may hold Liquid templates. Actions check and scope what they
 * can before rendering; only the template engine itself knows how a template renders.
 */

/** Liquid output `{{ … }}` or tag `{% … %}`; non-greedy so adjacent templates stay separate. */
const TEMPLATE_SPAN = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const TEMPLATE_START = /\{\{|\{%/;

/** Whether the string contains template syntax, so its value is only known after rendering. */
export function isTemplateString(s: string): boolean {
  return TEMPLATE_START.test(s);
}

/**
 * The string with every template span replaced by `*`, runs of `*` collapsed: an IAM-style
 * wildcard pattern that matches whatever the template renders to.
 * An unterminated span swallows the rest of the string, since it cannot be read as literal text.
 */
export function wildcardPattern(s: string): string {
  return s
    .replace(TEMPLATE_SPAN, "*")
    .replace(/(\{\{|\{%)[\s\S]*$/, "*")
    .replace(/\*{2,}/g, "*");
}

/** The literal text between template spans, in order (empty strings dropped). */
export function literalParts(s: string): string[] {
  return s
    .split(TEMPLATE_SPAN)
    .map((part) => literalPrefix(part)) // an unterminated span hides the rest of its part
    .filter((part) => part !== "");
}

/** The literal text before the first template span (all of it when there is none). */
export function literalPrefix(s: string): string {
  const m = TEMPLATE_START.exec(s);
  return m ? s.slice(0, m.index) : s;
}
