/**
 * Closed intervals over numbers, for finding every interval that holds a value without looking at
 * the others: intervals sorted by their low end, over an implicit balanced tree that keeps each
 * subtree's highest high end, so a query descends only into subtrees that can hold the value.
 * Built on the first query after additions.
 */
interface Interval<T> {
  low: number;
  high: number;
  item: T;
}

export class IntervalIndex<T> {
  private pending: Interval<T>[] = [];
  private sorted: Interval<T>[] = [];
  /** maxHigh[node] of the implicit tree over `sorted` (node 1 is the root, children 2n and 2n+1). */
  private maxHigh: Float64Array = new Float64Array(0);
  private into: T[] = [];
  private value = 0;

  get size(): number {
    return this.sorted.length + this.pending.length;
  }

  add(low: number, high: number, item: T): void {
    this.pending.push({ low, high, item });
  }

  private build(): void {
    this.sorted = [...this.sorted, ...this.pending].sort((a, b) => a.low - b.low);
    this.pending = [];
    this.maxHigh = new Float64Array(4 * Math.max(1, this.sorted.length));
    if (this.sorted.length > 0) this.fill(1, 0, this.sorted.length);
  }

  private fill(node: number, from: number, to: number): number {
    let high: number;
    if (to - from === 1) high = (this.sorted[from] as Interval<T>).high;
    else {
      const mid = (from + to) >>> 1;
      high = Math.max(this.fill(2 * node, from, mid), this.fill(2 * node + 1, mid, to));
    }
    this.maxHigh[node] = high;
    return high;
  }

  /** Calls `f` with every item. */
  forEach(f: (item: T) => void): void {
    for (const interval of this.pending) f(interval.item);
    for (const interval of this.sorted) f(interval.item);
  }

  /** Pushes onto `into` the item of every interval holding `value`. */
  holding(value: number, into: T[]): void {
    if (this.pending.length > 0) this.build();
    if (this.sorted.length === 0 || Number.isNaN(value)) return;
    // Intervals at or after `end` start above the value.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as Interval<T>).low <= value) lo = mid + 1;
      else hi = mid;
    }
    this.into = into;
    this.value = value;
    this.visit(1, 0, this.sorted.length, lo);
  }

  private visit(node: number, from: number, to: number, end: number): void {
    if (from >= end || (this.maxHigh[node] as number) < this.value) return;
    if (to - from === 1) {
      this.into.push((this.sorted[from] as Interval<T>).item);
      return;
    }
    const mid = (from + to) >>> 1;
    this.visit(2 * node, from, mid, end);
    this.visit(2 * node + 1, mid, to, end);
  }
}
