import type { StateModel } from "../syntax/machine-model.js";
import type { MatcherMode, ValuePattern } from "../values/value-pattern.js";
import type { Alternative } from "../walk/alternative.js";
import { hasEmptyPart } from "../walk/flat-event.js";

/** One field of a branch as the match automaton tests it: the values, and how its matcher reads them. */
export interface RouteField {
  path: string;
  /** Empty for `{"exists": false}`, which is then the field's only condition. */
  patterns: readonly ValuePattern[];
  /** patternIdentity of each pattern. */
  ids: readonly string[];
  mode: MatcherMode;
  absent: boolean;
}

/**
 * A branch's fields with the matcher mode each is read in, or null when the branch depends on more
 * than its own fields: its values lead to different states of event-ruler's machine (so the mode of
 * a later field depends on which value matched), a field mixes `exists: false` with values, some
 * value adds nothing to the machine (an empty anything-but), or a path has an empty dot-part (whose
 * visibility depends on the event's key names). Such branches keep the exact per-branch walk
 * (matchAlternative); everything else is decided by the automaton alone.
 */
export function routeOf(alt: Alternative, root: StateModel): RouteField[] | null {
  const route: RouteField[] = [];
  let state: StateModel | undefined = root;
  for (const field of alt.fields) {
    if (state === undefined || hasEmptyPart(field.path)) return null;
    if (field.absent) {
      if (field.patterns.length > 0) return null;
      route.push({
        path: field.path,
        patterns: [],
        ids: [],
        mode: { hasNumeric: false, hasIp: false },
        absent: true,
      });
      state = state.absentNext.get(field.path);
      continue;
    }
    const matcher = state.matchers.get(field.path);
    if (matcher === undefined || field.patterns.length === 0) return null;
    let next: StateModel | undefined;
    for (const id of field.ids) {
      const to = matcher.nextFor(alt.index, id);
      if (to === undefined || (next !== undefined && to !== next)) return null;
      next = to;
    }
    route.push({
      path: field.path,
      patterns: field.patterns,
      ids: field.ids,
      mode: { hasNumeric: matcher.hasNumeric, hasIp: matcher.hasIp },
      absent: false,
    });
    state = next;
  }
  return route;
}
