/**
 * Strings made from bytes a reader has checked to be ASCII (so latin1, UTF-8 and windows-1252 all
 * read them alike). Node's Buffer has a native latin1 slice that reads any Uint8Array, several
 * times faster for short strings than TextDecoder or String.fromCharCode; elsewhere TextDecoder.
 */
type Slice = (this: Uint8Array, start: number, end: number) => string;

const nativeSlice: Slice | undefined = (globalThis as { Buffer?: { prototype: { latin1Slice?: Slice } } })
  .Buffer?.prototype.latin1Slice;
const decoder = new TextDecoder("latin1");

/** The ASCII text of `bytes` [start, end). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  if (nativeSlice !== undefined) return nativeSlice.call(bytes, start, end);
  return decoder.decode(bytes.subarray(start, end));
}

type Fill = (this: Uint8Array, value: Uint8Array, offset: number, end: number) => Uint8Array;
const nativeFill: Fill | undefined = (globalThis as { Buffer?: { prototype: { fill?: Fill } } }).Buffer
  ?.prototype.fill;

/**
 * Copies `source` [start, end) into `target` at `at`. With shared memory on either side (a replay's
 * batches), `set` and `copy` copy with atomic accesses, several times slower than Node's Buffer
 * `fill`, which copies natively (bench/README.md, Replay); elsewhere `set`.
 */
export function copyBytes(
  target: Uint8Array,
  at: number,
  source: Uint8Array,
  start: number,
  end: number,
): void {
  if (end <= start) return;
  // A plain view, not `subarray` (which makes a Buffer of a Buffer: slower, bench/README.md).
  const view = new Uint8Array(source.buffer, source.byteOffset + start, end - start);
  if (nativeFill !== undefined) nativeFill.call(target, view, at, at + end - start);
  else target.set(view, at);
}
