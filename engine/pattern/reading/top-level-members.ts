/**
 * The members of an event's top-level object as a reader met them in its bytes: for each, where its
 * key's characters and its value's text lie, and the value's kind. Filled by readEventBytes when
 * given one (PatternIndex.matchBytes' `members`), so a caller can build the event, or test its
 * top-level members, without JSON.parse of the whole text. Offsets are into the caller's bytes;
 * reused from call to call (valid until the next fill).
 */
export class TopLevelMembers {
  /** MEMBER_FIELDS numbers per member, in text order (see the KEY_* and VALUE_* offsets). */
  data = new Int32Array(MEMBER_FIELDS * 16);
  /** Members recorded (after a declined read: those read before it stopped, to be ignored). */
  count = 0;
  /** Some key is spelt with escapes (its name is not its bytes). */
  escapedKeys = false;

  clear(): void {
    this.count = 0;
    this.escapedKeys = false;
  }

  /** Records a member; `kind` is a ValueKind, with ESCAPED_KEY set when the key has escapes. */
  push(keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, kind: number): void {
    let at = this.count * MEMBER_FIELDS;
    if (at + MEMBER_FIELDS > this.data.length) {
      const grown = new Int32Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    d[at++] = keyStart;
    d[at++] = keyEnd;
    d[at++] = valueStart;
    d[at++] = valueEnd;
    d[at] = kind;
    this.count++;
    if ((kind & ESCAPED_KEY) !== 0) this.escapedKeys = true;
  }

  /** Where member i's key characters start and end (inside its quotes). */
  keyStart(i: number): number {
    return this.data[i * MEMBER_FIELDS + KEY_START] as number;
  }

  keyEnd(i: number): number {
    return this.data[i * MEMBER_FIELDS + KEY_END] as number;
  }

  /** Member i's value kind (a ValueKind, without ESCAPED_KEY). */
  kind(i: number): number {
    return (this.data[i * MEMBER_FIELDS + KIND] as number) & KIND_MASK;
  }

  /** Where member i's value text starts and ends (a string's with its quotes). */
  valueStart(i: number): number {
    return this.data[i * MEMBER_FIELDS + VALUE_START] as number;
  }

  valueEnd(i: number): number {
    return this.data[i * MEMBER_FIELDS + VALUE_END] as number;
  }
}

/** Numbers per member in TopLevelMembers.data, and where each lies among them. */
export const MEMBER_FIELDS = 5;
/** The key's characters (inside its quotes). */
export const KEY_START = 0;
export const KEY_END = 1;
/** The value's text (a string with its quotes). */
export const VALUE_START = 2;
export const VALUE_END = 3;
export const KIND = 4;

/** Value kinds (the low bits of KIND). */
export const STRING = 0;
/** A string spelt with escapes. */
export const ESCAPED_STRING = 1;
export const NUMBER = 2;
export const TRUE = 3;
export const FALSE = 4;
export const NULL = 5;
export const OBJECT = 6;
export const ARRAY = 7;
export const KIND_MASK = 7;
/** Flag in KIND: the key is spelt with escapes (or non-ASCII, when reading text). */
export const ESCAPED_KEY = 8;

/** The value kinds by name, for code outside the matcher (which imports only its entry). */
export const MemberKind = { STRING, ESCAPED_STRING, NUMBER, TRUE, FALSE, NULL, OBJECT, ARRAY } as const;
