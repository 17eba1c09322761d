import { type ParseArgsConfig, parseArgs } from "node:util";

export class UsageError extends Error {}

/**
 * Strict argument parsing; unknown flags and bad values are usage errors (exit 2), never guesses.
 * Positionals are allowed; commands that take none reject them themselves.
 */
type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

export function parse<const O extends Options>(argv: readonly string[], options: O): Parsed<O> {
  let parsed: Parsed<O> & { tokens?: Array<{ kind: string; name?: string; rawName?: string }> };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // node:util keeps the last of a repeated flag silently; only flags declared `multiple` repeat.
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== "option" || token.name === undefined) continue;
    if (options[token.name]?.multiple) continue;
    if (seen.has(token.name)) {
      throw new UsageError(`--${token.name} is given more than once; it takes one value`);
    }
    seen.add(token.name);
  }
  const { tokens: _tokens, ...rest } = parsed;
  return rest as Parsed<O>;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
  dflt: T,
): T {
  if (value === undefined) return dflt;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of: ${allowed.join(", ")} (got "${value}")`);
}
