/**
 * Deliberate differences from event-ruler, each where the EventBridge service documentation says the
 * service behaves otherwise. docs/eventbridge-parity.md quotes the documentation for each; the
 * differential test excludes exactly these cases by id.
 */
export interface ParityDifference {
  id: string;
  description: string;
}

export const PARITY_DIFFERENCES: readonly ParityDifference[] = [];
