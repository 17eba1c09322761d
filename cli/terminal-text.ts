/**
 * Control characters that a terminal would act on instead of print: C0 (but tab and newline, which
 * layout needs), DEL and C1 (0x9b alone starts an escape sequence on many terminals). Rule files
 * and events are untrusted text, and an ESC in either could recolour, retitle or clear the terminal
 * of whoever runs `check` or `run`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text safe to print on a terminal: each control character becomes a visible `\u001b`-style escape. */
export function escapeTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
