import { maskSecrets } from "../secrets/index.js";

/**
 * A few lines of source around a position with a caret under the column, like compilers print.
 * Tabs are kept so the caret lines up with what the terminal shows. Secrets the recogniser knows
 * (webhook URLs, access key ids) are masked: a PLAINTEXT_SECRET frame must not reprint the secret.
 */
export function codeFrame(text: string, line: number, col: number, context = 2): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines[n - 1] ?? "";
    const src = maskSecrets(raw);
    const marker = n === line ? ">" : " ";
    out.push(`${marker} ${String(n).padStart(width)} | ${src}`.trimEnd());
    if (n === line) {
      const pad = maskSecrets(raw.slice(0, Math.max(0, col - 1))).replace(/[^\t]/g, " ");
      out.push(`  ${" ".repeat(width)} | ${pad}^`);
    }
  }
  return out.join("\n");
}
