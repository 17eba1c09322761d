/**
 * A rendered payload param (SQS body, EventBridge detail, Lambda payload) as text: a mapping or
 * list is serialised, a string is taken as it rendered. `json` demands that the text is JSON
 * (EventBridge's detail and Lambda's payload must be), naming `param` when it is not.
 */
export function payloadText(value: unknown, param: string, json: boolean): string {
  if (typeof value === "string") {
    if (json) {
      try {
        JSON.parse(value);
      } catch {
        throw new Error(
          `${param}: rendered text is not JSON; give a mapping, or a template that renders JSON`,
        );
      }
    }
    return value;
  }
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  throw new Error(`${param}: expected a mapping or a string`);
}

/** The payload as a plan shows it: parsed when it is JSON, so the plan reads as data. */
export function payloadView(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
