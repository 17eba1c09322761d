import type { AwsClientConfig, AwsClientFactory } from "../engine/action/types.js";

/**
 * One client per (service, region), created on first use and kept for the life of the process
 * (a Lambda container reuses them across invocations). Endpoints come from the SDK's own
 * configuration — AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> — unless `endpoint` is given,
 * which tests use to point every client at one local server.
 */
export class AwsClients implements AwsClientFactory {
  readonly #clients = new Map<unknown, Map<string, unknown>>();

  constructor(
    readonly defaultRegion: string,
    private readonly endpoint?: string,
  ) {}

  client<C>(ctor: new (config: AwsClientConfig) => C, region: string = this.defaultRegion): C {
    let byRegion = this.#clients.get(ctor);
    if (!byRegion) {
      byRegion = new Map();
      this.#clients.set(ctor, byRegion);
    }
    let client = byRegion.get(region) as C | undefined;
    if (!client) {
      const config: AwsClientConfig = { region, maxAttempts: 1 };
      if (this.endpoint !== undefined) config.endpoint = this.endpoint;
      client = new ctor(config);
      byRegion.set(region, client);
    }
    return client;
  }
}

/** The region from the environment, as Lambda and the AWS CLI set it. */
export function regionFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  return env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
}
