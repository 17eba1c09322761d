/**
 * A list of integers refilled on every event. A JS array emptied with `length = 0` gives back its
 * storage once it has grown past 16 items (V8 trims it), so a list refilled per event was
 * reallocated, and regrown push by push, on every event: at 10,000 rules most of the bytes an event
 * allocated (measured with the bench's corpus). This one keeps its storage.
 */
export class IntBuffer {
  items = new Int32Array(16);
  /** How many of `items` are in the list. */
  n = 0;

  push(value: number): void {
    if (this.n === this.items.length) this.grow();
    this.items[this.n++] = value;
  }

  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const items = new Int32Array(2 * this.items.length);
    items.set(this.items);
    this.items = items;
  }
}
