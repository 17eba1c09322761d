/**
 * SNS Publish limits (API reference: Publish; developer guide: message attributes, FIFO topics).
 * One place, used statically by `check` and on rendered values by `plan`/`run`.
 */

/** The API reference says "less than 100 characters"; SNS accepts exactly 100 and refuses 101 (and AWS services emit 100). */
export const SUBJECT_MAX = 100;
/** Message body plus every attribute's name, type and value. */
export const MESSAGE_MAX_BYTES = 262_144;
export const ATTRIBUTE_NAME_MAX = 256;
export const FIFO_ID_MAX = 128;

/** Unicode category Cc: U+0000–U+001F and U+007F–U+009F. */
const CONTROL = /\p{Cc}/u;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
/** Alphanumerics and ASCII punctuation, as SNS defines MessageGroupId / MessageDeduplicationId. */
const FIFO_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

function chars(s: string): number {
  return [...s].length;
}

/** Why SNS would refuse this subject, or null. */
export function subjectProblem(subject: string): string | null {
  if (subject === "") return "is empty, which SNS refuses; leave subject out instead";
  return subjectTextProblem(subject) ?? subjectStartProblem(subject) ?? subjectLengthProblem(chars(subject));
}

/** The character rules alone, which also hold for each literal part of a subject template. */
export function subjectTextProblem(text: string): string | null {
  if (LINE_BREAK.test(text)) return "must be one line; SNS refuses line breaks in a subject";
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)?.toString(16).padStart(4, "0").toUpperCase();
    return `contains the control character U+${code}, which SNS refuses`;
  }
  return null;
}

export function subjectLengthProblem(length: number): string | null {
  return length > SUBJECT_MAX ? `is ${length} characters; SNS allows at most ${SUBJECT_MAX}` : null;
}

/**
 * Earlier revisions of the API reference require a letter, number or punctuation mark first;
 * the current one is silent. Leading whitespace is refused to stay on the safe side of both.
 */
export function subjectStartProblem(subject: string): string | null {
  return /^\s/.test(subject)
    ? "must not begin with whitespace (SNS wants a letter, number or punctuation mark first)"
    : null;
}

/** SNS message attribute name rules. */
export function attributeNameProblem(name: string): string | null {
  if (name === "") return "an attribute name cannot be empty";
  if (chars(name) > ATTRIBUTE_NAME_MAX)
    return `attribute name "${name}" is longer than ${ATTRIBUTE_NAME_MAX} characters`;
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
    return `attribute name "${name}" may only contain letters, digits, _ - and .`;
  }
  if (name.startsWith(".") || name.endsWith("."))
    return `attribute name "${name}" cannot start or end with "."`;
  if (name.includes("..")) return `attribute name "${name}" cannot contain ".."`;
  if (/^(aws|amazon)\./i.test(name))
    return `attribute name "${name}" uses a prefix reserved for AWS (AWS., Amazon.)`;
  return null;
}

/** MessageGroupId / MessageDeduplicationId: 1–128 alphanumerics and ASCII punctuation. */
export function fifoIdProblem(value: string): string | null {
  if (value === "") return "is empty";
  if (value.length > FIFO_ID_MAX) return `is ${value.length} characters; SNS allows at most ${FIFO_ID_MAX}`;
  if (!FIFO_ID.test(value)) return "may only contain letters, digits and ASCII punctuation (no spaces)";
  return null;
}

export function isFifoTopic(topicArn: string): boolean {
  return topicArn.endsWith(".fifo");
}

/** Topic names: 1–256 of letters, digits, _ and -, FIFO ones ending in `.fifo` (counted in the 256). */
export function topicNameProblem(name: string): string | null {
  const base = isFifoTopic(name) ? name.slice(0, -".fifo".length) : name;
  if (name.length > 256 || !TOPIC_NAME.test(base)) {
    return `topic name "${name}" must be 1-256 letters, digits, _ or - (plus .fifo for FIFO topics)`;
  }
  return null;
}
