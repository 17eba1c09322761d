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
