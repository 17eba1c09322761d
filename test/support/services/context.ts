/**
 * What test/setup/services-setup.ts (vitest globalSetup, main process) hands to the test workers through
 * vitest's provide/inject: provided values are serialised into every worker, whatever the pool.
 */
export interface ServicesContext {
  /** "running" when the servers were started for this run; otherwise why not, for the error a test sees. */
  readonly status: "running" | "not-started";
  readonly reason: string;
  /** One moto server per vitest worker slot (VITEST_POOL_ID 1..n), so a reset never hits another file. */
  readonly motoUrls: readonly string[];
  readonly openSearchUrl: string | null;
  readonly versions: { readonly moto: string; readonly opensearch: string };
}

export const SERVICES_CONTEXT_KEY = "rulebridgeServices";

declare module "vitest" {
  export interface ProvidedContext {
    rulebridgeServices: ServicesContext;
  }
}
