/**
 * A module's export loaded on demand, once: the engine bundle keeps liquidjs and json-logic-js
 * out of what every cold start loads, and the handler awaits `load()` before it evaluates an
 * event that needs one. `get()` then returns it synchronously, where compiling happens.
 */
export class LoadOnce<T> {
  #value: T | undefined;
  #loading: Promise<void> | undefined;

  /** `what` and `loader` name it and its loading function in the error `get()` throws before a load finished (a bug, not data). */
  constructor(
    private readonly importer: () => Promise<T>,
    private readonly what: string,
    private readonly loader: string,
  ) {}

  /** Starts the import; later calls return the same promise. */
  load(): Promise<void> {
    this.#loading ??= this.importer().then((value) => {
      this.#value = value;
    });
    return this.#loading;
  }

  get(): T {
    if (this.#value === undefined)
      throw new Error(`rulebridge: ${this.what} is not loaded (await ${this.loader}() first)`);
    return this.#value;
  }
}
