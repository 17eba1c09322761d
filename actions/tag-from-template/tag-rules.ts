/** EC2's limits on tags and instance ids, shared by static checks, plans and runs. */

/** Old 8-hex and current 17-hex instance ids. */
export const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

export const TAG_KEY_MAX = 127;
export const TAG_VALUE_MAX = 256;

/** Characters as EC2 counts them (Unicode code points), not UTF-16 units. */
function length(s: string): number {
  return [...s].length;
}

/** Why a tag key is refused, or null. */
export function tagKeyProblem(key: string): string | null {
  if (key.length === 0) return "a tag key cannot be empty";
  if (length(key) > TAG_KEY_MAX) return `tag key "${key}" is longer than ${TAG_KEY_MAX} characters`;
  // AWS reserves the prefix for its own tags (aws:autoscaling:groupName, …); users cannot write them.
  if (/^aws:/i.test(key)) return `tag key "${key}" uses the reserved prefix "aws:"`;
  return null;
}

/** Why a rendered tag value is refused, or null. */
export function tagValueProblem(key: string, value: string): string | null {
  if (length(value) > TAG_VALUE_MAX) {
    return `the value of tag "${key}" is ${length(value)} characters, over EC2's limit of ${TAG_VALUE_MAX}`;
  }
  return null;
}
