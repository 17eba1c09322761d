import type { CliIo } from "./io.js";

/**
 * "N event(s) read, R/s" rewritten in place on stderr, for long runs and replays. Only when stderr
 * is a terminal: in a redirected log it would be noise, and stdout is for results.
 */
export class ProgressLine {
  readonly #io: CliIo;
  readonly #start = Date.now();
  #shownAt = 0;
  #shown = false;

  constructor(io: CliIo) {
    this.#io = io;
  }

  /** Shows the count at most four times a second. */
  update(events: number, force = false): void {
    if (this.#io.stderrIsTTY !== true) return;
    const now = Date.now();
    if (!force && now - this.#shownAt < 250) return;
    this.#shownAt = now;
    const seconds = (now - this.#start) / 1000;
    const rate = seconds > 0 ? Math.round(events / seconds) : 0;
    this.#io.stderr(`\r${events} event(s) read, ${rate}/s`);
    this.#shown = true;
  }

  /** Shows the final count and ends the line, so what follows starts on its own. */
  done(events: number): void {
    if (!this.#shown) return;
    this.update(events, true);
    this.#io.stderr("\n");
    this.#shown = false;
  }
}
