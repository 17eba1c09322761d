import { maskSecrets } from "../engine/secrets/index.js";
import { escapeTerminal } from "./terminal-text.js";

/** Widest slice of a source line a frame shows; a minified or generated 10 MB line is cut around the column. */
export const FRAME_WIDTH = 160;
/** How much of that width goes before the column when a line is cut. */
const LEAD = 60;

/**
 * A text's line starts, found once, so framing many problems in one file is linear in the text
 * plus the problems (splitting the text per problem was quadratic over 10,000 problems).
 */
export class SourceLines {
  readonly #text: string;
  readonly #starts: number[] = [0];

  constructor(text: string) {
    this.#text = text;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.#starts.push(i + 1);
  }

  get count(): number {
    return this.#starts.length;
  }

  /** Line `n` (1-based) without its line break; "" past the end. */
  line(n: number): string {
    const start = this.#starts[n - 1];
    if (start === undefined) return "";
    const next = this.#starts[n];
    const end = next === undefined ? this.#text.length : next - 1;
    return this.#text.slice(start, end > start && this.#text[end - 1] === "\r" ? end - 1 : end);
  }
}

/**
 * A few lines of source around a position with a caret under the column, like compilers print.
 * Tabs are kept so the caret lines up with what the terminal shows; control characters are shown
 * escaped (see terminal-text.ts); lines wider than FRAME_WIDTH are cut around the column. Secrets
 * the recogniser knows (webhook URLs, access key ids) are masked: a PLAINTEXT_SECRET frame must not
 * reprint the secret.
 */
export function codeFrame(source: string | SourceLines, line: number, col: number, context = 2): string {
  const lines = typeof source === "string" ? new SourceLines(source) : source;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.count, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines.line(n);
    // The caret's column counted in the masked line: masking shortens what comes before it too.
    const at = n === line ? maskSecrets(raw.slice(0, Math.max(0, col - 1))).length : 0;
    const { before, after } = visible(maskSecrets(raw), at);
    const marker = n === line ? ">" : " ";
    out.push(`${marker} ${String(n).padStart(width)} | ${before}${after}`.trimEnd());
    if (n === line) {
      const pad = before.replace(/[^\t]/g, " ");
      out.push(`  ${" ".repeat(width)} | ${pad}^`);
    }
  }
  return out.join("\n");
}

/** The shown part of a line, split at the caret's column (0-based), escaped and cut to the frame width. */
function visible(src: string, at: number): { before: string; after: string } {
  const caret = Math.min(Math.max(0, at), src.length);
  let start = 0;
  let end = src.length;
  if (src.length > FRAME_WIDTH) {
    start = Math.max(0, Math.min(caret - LEAD, src.length - FRAME_WIDTH));
    end = start + FRAME_WIDTH;
  }
  const before = (start > 0 ? "…" : "") + escapeTerminal(src.slice(start, caret));
  const after = escapeTerminal(src.slice(caret, end)) + (end < src.length ? "…" : "");
  return { before, after };
}
