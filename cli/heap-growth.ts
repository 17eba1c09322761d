import { setFlagsFromString } from "node:v8";

/**
 * Bounds how far V8 lets the heap grow past what is live, for commands that stream their inputs
 * (`run`, `replay`): their live heap is the rules and a batch, and does not grow with the input, but
 * by default V8 grows the old generation to several times that before collecting, which is most of
 * such a process's memory (bench/README.md, Replay). V8 reads this flag each time it sets the next
 * limit, so it takes effect from the next collection. Process-wide, worker threads included; it
 * changes when memory is collected, never what is kept.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** The next collection comes once the old generation is 25% above what the last one kept. */
const HEAP_GROWING_PERCENT = 25;
