/**
 * Deliberate differences from event-ruler, each where the EventBridge service documentation says the
 * service behaves otherwise. docs/eventbridge-parity.md quotes the documentation for each; the
 * differential test excludes exactly these cases by id (test/conformance/support/parity.ts recognises
 * each one and checks that rulebridge then gives the documented answer).
 */
export interface ParityDifference {
  id: string;
  description: string;
}

export const PARITY_DIFFERENCES: readonly ParityDifference[] = [
  {
    id: "string-value-beside-numeric-range",
    description:
      "A plain string value in a field's value list always matches an equal event string. event-ruler 2.1.0 can " +
      "lose such a value when the same field (in the same list, or in another $or branch reaching the same " +
      'field) also holds a {"numeric": [...]} range added after it and a further string value added after that ' +
      '(e.g. {"a": ["abc", {"numeric": ["<=", 5]}, "zz"]} does not match {"a": "abc"} in event-ruler, for a ' +
      'varying share of identical requests). The EventBridge documentation says: "An event pattern matches the ' +
      'event if any of the values in the array match the value in the event." Recognise: rulebridge matches, ' +
      "event-ruler does not, the event's value at some pattern field equals a plain string value listed for that " +
      "field while that field also has a numeric operator somewhere in the pattern, and rulebridge's answer is the " +
      "pattern's meaning (event-ruler's answer for each $or branch and each value of a field on its own).",
  },
  {
    id: "event-ruler-wildcard-interference",
    description:
      'A wildcard starting with "*" never changes what the other values of its field match. In event-ruler ' +
      "(1.8.1 through 2.1.0), such a wildcard (or anything-but wildcard) added to a field before an " +
      "equals-ignore-case or suffix value (or their prefix/suffix/anything-but forms; also from another $or " +
      "branch reaching the same field) corrupts that value's matcher, every time: " +
      '{"a": [{"wildcard": "*b"}, {"equals-ignore-case": "x"}]} matches {"a": "q"}, and ' +
      '{"a": [{"wildcard": "*x"}, {"suffix": "é"}]} matches {"a": "è"}; the other order behaves. The EventBridge ' +
      'documentation says: "An event pattern matches the event if any of the values in the array match the value ' +
      'in the event." Recognise: a "*"-leading wildcard is added to a field before such a value, and rulebridge\'s ' +
      "answer is the pattern's meaning.",
  },
  {
    id: "event-ruler-sub-rule-interference",
    description:
      "$or is a plain OR of its branches. event-ruler (1.8.1 through 2.1.0) treats a later branch (a sub-rule) " +
      "whose fields all share a value with an earlier branch as a duplicate and drops it, and when the two give a " +
      "field overlapping value lists it misses values of the later one for a varying share of identical requests " +
      "(the outcome depends on hash codes, and in EventBridge also on the other rules of the bus): " +
      '{"$or": [{"a": ["x"]}, {"a": ["x", "y"]}]} never matches {"a": "y"}; ' +
      '{"$or": [{"c": ["q"]}, {"c": ["ab", "q"]}]} matches {"c": "ab"} about half of the time. The EventBridge ' +
      "documentation's operator table describes its $or example as 'Location is \"New York\", or Day is " +
      '"Monday"\', and says: "An event pattern matches the event if any of the values in the array match the ' +
      'value in the event." Recognise: ' +
      "rulebridge matches, event-ruler does not, two sub-rules give some field overlapping value lists, and " +
      "rulebridge's answer is the pattern's meaning.",
  },
];
