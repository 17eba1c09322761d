/**
 * Deliberate differences from event-ruler, each where the EventBridge service documentation says the
 * service behaves otherwise. docs/eventbridge-parity.md quotes the documentation for each; the
 * differential test excludes exactly these cases by id.
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
      '(e.g. {"a": ["abc", {"numeric": ["<=", 5]}, "zz"]} does not match {"a": "abc"} in event-ruler). The ' +
      'EventBridge documentation says: "An event pattern matches the event if any of the values in the array ' +
      "match the value in the event.\" Recognise: rulebridge matches, event-ruler does not, and the event's value " +
      "at some pattern field equals a plain string value listed for that field while that field also has a " +
      "numeric operator somewhere in the pattern.",
  },
];
