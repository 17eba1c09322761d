import { describe, expect, it } from "vitest";
import { IntBuffer } from "../../../../engine/pattern/structures/int-buffer.js";

describe("IntBuffer", () => {
  it("keeps every pushed value in order as it grows, and refills from the start after clear", () => {
    const buffer = new IntBuffer();
    for (let i = 0; i < 100; i++) buffer.push(i * 3 - 7);
    expect(buffer.n).toBe(100);
    expect([...buffer.items.subarray(0, buffer.n)]).toEqual(Array.from({ length: 100 }, (_, i) => i * 3 - 7));
    const storage = buffer.items;
    buffer.clear();
    expect(buffer.n).toBe(0);
    buffer.push(42);
    // Cleared, not given back: refilling up to the grown size allocates nothing.
    expect(buffer.items).toBe(storage);
    expect([...buffer.items.subarray(0, buffer.n)]).toEqual([42]);
  });
});
