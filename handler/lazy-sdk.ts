/**
 * Stand-ins the engine bundle puts in place of an AWS SDK client package (see
 * deploy/lazy-sdk-facade.ts), so a client's code is loaded on the first `send`, not at cold start:
 * an event that only publishes to SNS never loads EC2. Actions keep writing ordinary SDK code —
 * `new XClient(config)`, `client.send(new YCommand(input), { abortSignal })`, `err instanceof
 * ZException` — and get the real client, command and error underneath. Only the bundle uses
 * these; tests and the CLI import the SDK directly.
 */

/** A real module of the package (a client's or a command's file), imported on demand: its own chunk. */
export type SdkLoader = () => Promise<Record<string, unknown>>;

interface RealClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
  destroy?(): void;
}
type RealClientClass = new (config: unknown) => RealClient;
type RealCommandClass = new (input: unknown) => unknown;

/** What `new YCommand(input)` gives before the package is loaded: how to get the real one, and the input. */
export interface LazyCommand {
  readonly commandName: string;
  readonly loadCommand: SdkLoader;
  readonly input: unknown;
}

/**
 * A command class: records its input; `send` builds the real command from it. (`load` is null
 * only in deploy's probe build, which is never run.)
 */
export function lazyCommand(load: SdkLoader | null, name: string): new (input?: unknown) => LazyCommand {
  const Command = class implements LazyCommand {
    readonly commandName = name;
    readonly loadCommand = load as SdkLoader;
    constructor(readonly input: unknown = {}) {}
  };
  Object.defineProperty(Command, "name", { value: name });
  return Command;
}

/** A client class: keeps its config; the first `send` loads the package and builds the real client. */
export function lazyClient(load: SdkLoader | null, name: string): new (config?: unknown) => RealClient {
  const Client = class implements RealClient {
    #real: RealClient | undefined;
    #loading: Promise<Record<string, unknown>> | undefined;
    constructor(readonly config: unknown = {}) {}

    async send(command: unknown, options?: unknown): Promise<unknown> {
      const lazy = command as Partial<LazyCommand>;
      this.#loading ??= (load as SdkLoader)();
      const [client, commandModule] = await Promise.all([
        this.#loading,
        typeof lazy.loadCommand === "function" ? lazy.loadCommand() : undefined,
      ]);
      this.#real ??= new (client[name] as RealClientClass)(this.config);
      if (!commandModule) return this.#real.send(command, options);
      const Real = commandModule[lazy.commandName as string] as RealCommandClass;
      return this.#real.send(new Real(lazy.input), options);
    }

    destroy(): void {
      this.#real?.destroy?.();
    }
  };
  Object.defineProperty(Client, "name", { value: name });
  return Client;
}

/**
 * An error class for `instanceof`: SDK errors carry their code as `name`. The service's base
 * exception (`XServiceException`) matches every error the service returned.
 */
export function lazyError(name: string, serviceBase = false): new (message?: string) => Error {
  const ErrorClass = class extends Error {
    static override [Symbol.hasInstance](value: unknown): boolean {
      if (!(value instanceof Error)) return false;
      const v = value as Error & { $fault?: unknown; $metadata?: unknown };
      return serviceBase ? v.$metadata !== undefined && v.$fault !== undefined : v.name === name;
    }
    override readonly name = name;
  };
  Object.defineProperty(ErrorClass, "name", { value: name });
  return ErrorClass;
}
