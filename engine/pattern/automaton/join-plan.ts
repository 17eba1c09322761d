import type { RouteField } from "./fast-route.js";
import { JoinedTransitions, ValueIds, weightsOf } from "./joined-transitions.js";

/** Of the routes, the share that must test a path for its exact strings to be joined. */
const JOIN_SHARE = 1 / 8;

/** The string a field tests when it is one exact string (what a join can number), else null. */
export function joinedValue(field: RouteField): string | null {
  if (field.absent || field.patterns.length !== 1) return null;
  const p = field.patterns[0] as RouteField["patterns"][number];
  return p.type === "exact" && p.value.startsWith('"') ? p.value.slice(1, -1) : null;
}

/** A route split for filing: its joined fields (through `join`), then the rest as states. */
export interface SplitRoute<N> {
  join: JoinedTransitions<N> | null;
  joined: RouteField[];
  rest: RouteField[];
}

/**
 * Which fields of which routes are joined (see JoinedTransitions): fields with one exact string,
 * on paths that at least JOIN_SHARE of the routes (and two) test, when a route has two or more.
 * Each list of joined paths costs every event one lookup, so only paths common to many routes are
 * joined: a route's rarer conditions stay in its states, where few events reach them.
 */
export class JoinPlan<N> {
  private readonly ids = new Map<string, ValueIds>();
  private readonly joins = new Map<string, JoinedTransitions<N>>();
  private readonly wanted: RouteField[][];

  /**
   * `uses`: how many routes test each path; `rank`: the order of paths in routes (the joined
   * fields keep it); `slotOf`: the leaf slot of a path.
   */
  constructor(
    routes: readonly (readonly RouteField[])[],
    uses: ReadonlyMap<string, number>,
    rank: ReadonlyMap<string, number>,
    private readonly slotOf: (path: string) => number,
  ) {
    const min = Math.max(2, routes.length * JOIN_SHARE);
    const byRank = (a: RouteField, b: RouteField) => (rank.get(a.path) ?? 0) - (rank.get(b.path) ?? 0);
    // Every joined value is numbered before any join is made: the weights depend on the counts.
    this.wanted = routes.map((route) => {
      const joined = route
        .filter((f) => (uses.get(f.path) ?? 0) >= min && joinedValue(f) !== null)
        .sort(byRank);
      if (joined.length < 2) return [];
      for (const f of joined) this.idsOf(f.path).add(joinedValue(f) as string);
      return joined;
    });
  }

  /** Route `i` (as given to the constructor) split into its join and the rest. */
  split(i: number, route: readonly RouteField[]): SplitRoute<N> {
    const wanted = this.wanted[i] ?? [];
    const join = wanted.length === 0 ? null : this.joinOf(wanted.map((f) => f.path));
    // Paths past what a key can hold (see weightsOf) stay states.
    const joined = join === null ? [] : wanted.slice(0, join.paths.length);
    if (joined.length < 2) return { join: null, joined: [], rest: [...route] };
    return { join, joined, rest: route.filter((f) => !joined.includes(f)) };
  }

  /** The joins routes were filed through. */
  filled(): JoinedTransitions<N>[] {
    return [...this.joins.values()].filter((j) => j.next.size > 0);
  }

  private idsOf(path: string): ValueIds {
    let values = this.ids.get(path);
    if (values === undefined) {
      values = new ValueIds();
      this.ids.set(path, values);
    }
    return values;
  }

  private joinOf(paths: readonly string[]): JoinedTransitions<N> {
    const key = paths.join("\u0001");
    let join = this.joins.get(key);
    if (join === undefined) {
      const weights = weightsOf(paths.map((p) => this.idsOf(p)));
      const kept = paths.slice(0, weights.length);
      join = new JoinedTransitions<N>(
        kept,
        kept.map(this.slotOf),
        kept.map((p) => this.idsOf(p)),
        weights,
      );
      this.joins.set(key, join);
    }
    return join;
  }
}
