import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const manifestPath = join(repoRoot, ".cache", "services", "services.json");

export interface MotoInstall {
  readonly version: string;
  readonly motoServer: string;
}

export interface OpenSearchInstall {
  readonly version: string;
  readonly home: string;
  readonly runsDir: string;
  readonly javaHome: string;
  /** null when the tests do not run as root: OpenSearch then runs as the current user. */
  readonly user: string | null;
  readonly uid: number;
  readonly gid: number;
}

export interface ServicesManifest {
  readonly moto: MotoInstall;
  readonly opensearch: OpenSearchInstall;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireString(section: Record<string, unknown>, key: string, where: string): string {
  const value = section[key];
  if (typeof value !== "string" || value.length === 0) throw new Error(`${where}.${key} is missing`);
  return value;
}

function requireNumber(section: Record<string, unknown>, key: string, where: string): number {
  const value = section[key];
  if (typeof value !== "number" || !Number.isInteger(value)) throw new Error(`${where}.${key} is missing`);
  return value;
}

/** Reads what scripts/setup-services.mjs installed; its absence means that script has not run (or failed). */
export function readServicesManifest(): ServicesManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (error) {
    throw new Error(
      `cannot read ${manifestPath} (${error instanceof Error ? error.message : String(error)}); ` +
        "run `node scripts/setup-services.mjs` first",
    );
  }
  if (!isRecord(parsed) || !isRecord(parsed.moto) || !isRecord(parsed.opensearch)) {
    throw new Error(
      `${manifestPath} lacks the moto or opensearch section; run \`node scripts/setup-services.mjs\``,
    );
  }
  const moto = parsed.moto;
  const os = parsed.opensearch;
  const user = os.user;
  return {
    moto: {
      version: requireString(moto, "version", "moto"),
      motoServer: requireString(moto, "motoServer", "moto"),
    },
    opensearch: {
      version: requireString(os, "version", "opensearch"),
      home: requireString(os, "home", "opensearch"),
      runsDir: requireString(os, "runsDir", "opensearch"),
      javaHome: requireString(os, "javaHome", "opensearch"),
      user: typeof user === "string" ? user : null,
      uid: requireNumber(os, "uid", "opensearch"),
      gid: requireNumber(os, "gid", "opensearch"),
    },
  };
}
