// Installs the pinned OpenSearch integ-test distribution: Maven fetches the zip from Maven Central into
// .cache/m2, its sha256 is checked against the pin, and it is unpacked to .cache/opensearch/opensearch-<v>/.
// OpenSearch refuses to run as root, so when we are root a system user is created to run it, and we check
// that this user can actually reach the distribution through the checkout's parent directories.

import { chmodSync, existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  cacheDir,
  log,
  readJson,
  rel,
  run,
  runAsync,
  SetupError,
  seconds,
  sha256File,
  tail,
  writeJson,
} from "./common.mjs";

// Newest 2.x on Maven Central when pinned (maven-metadata lists 2.19.6 then 3.x).
export const OPENSEARCH_VERSION = "2.19.6";
const ZIP_SHA256 = "71d6d8b1c637f3faecda0752b184b1cc526fc6eaad59ec1408c6327bb00b9293";
const GROUP = "org.opensearch.distribution.integ-test-zip";
const ARTIFACT = "opensearch";
export const OPENSEARCH_USER = "rulebridge-os";

const m2 = join(cacheDir, "m2");
const osDir = join(cacheDir, "opensearch");
const home = join(osDir, `opensearch-${OPENSEARCH_VERSION}`);
const MARKER = ".rulebridge-complete.json";
const zipInM2 = join(
  m2,
  ...GROUP.split("."),
  ARTIFACT,
  OPENSEARCH_VERSION,
  `${ARTIFACT}-${OPENSEARCH_VERSION}.zip`,
);

async function fetchZip() {
  if (existsSync(zipInM2) && sha256File(zipInM2) === ZIP_SHA256) return false;
  rmSync(zipInM2, { force: true });
  const started = Date.now();
  const coordinates = `${GROUP}:${ARTIFACT}:${OPENSEARCH_VERSION}:zip`;
  log(`fetching ${coordinates} from Maven Central into ${rel(m2)} ...`);
  mkdirSync(m2, { recursive: true });
  const mvn = await runAsync(
    "mvn",
    [
      "-B",
      "-q",
      "--no-transfer-progress",
      `-Dmaven.repo.local=${m2}`,
      "dependency:get",
      `-Dartifact=${coordinates}`,
      "-Dtransitive=false",
    ],
    { cwd: cacheDir },
  );
  if (mvn === null) {
    throw new SetupError(
      "OpenSearch is fetched with Maven, but `mvn` is not on PATH (Debian: apt-get install maven)",
    );
  }
  if (mvn.status !== 0 || !existsSync(zipInM2)) {
    throw new SetupError(
      `Maven could not fetch ${coordinates} (exit ${mvn.status ?? mvn.signal}); is Maven Central reachable?\n` +
        tail(`${mvn.stdout}\n${mvn.stderr}`),
    );
  }
  const actual = sha256File(zipInM2);
  if (actual !== ZIP_SHA256) {
    throw new SetupError(`${rel(zipInM2)} has sha256 ${actual}, but ${ZIP_SHA256} is pinned`);
  }
  log(`fetched the ${OPENSEARCH_VERSION} zip in ${seconds(started)}`);
  return true;
}

function unpack() {
  const started = Date.now();
  const staging = join(osDir, `staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // unzip keeps the executable bits of bin/*; Python's zipfile is the fallback, and then we restore them.
  let result = run("unzip", ["-q", zipInM2, "-d", staging]);
  if (result === null) result = run("python3", ["-m", "zipfile", "-e", zipInM2, staging]);
  if (result === null || result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new SetupError(`could not unpack ${rel(zipInM2)}:\n${tail(result?.stderr)}`);
  }
  const unpacked = join(staging, `opensearch-${OPENSEARCH_VERSION}`);
  if (!existsSync(join(unpacked, "bin", "opensearch"))) {
    throw new SetupError(`${rel(zipInM2)} does not contain opensearch-${OPENSEARCH_VERSION}/bin/opensearch`);
  }
  for (const script of readdirSync(join(unpacked, "bin"))) {
    if (!script.endsWith(".bat") && !script.endsWith(".exe")) chmodSync(join(unpacked, "bin", script), 0o755);
  }
  // The distribution stays owned by root; the OpenSearch user only has to read it.
  run("chmod", ["-R", "a+rX", unpacked]);
  rmSync(home, { recursive: true, force: true });
  renameSync(unpacked, home);
  rmSync(staging, { recursive: true, force: true });
  writeJson(join(home, MARKER), { sha256: ZIP_SHA256, unpackedAt: new Date().toISOString() });
  log(`unpacked OpenSearch ${OPENSEARCH_VERSION} into ${rel(home)} in ${seconds(started)}`);
}

/** JAVA_HOME for OpenSearch (the integ-test zip bundles no JDK): $JAVA_HOME, else the java on PATH. */
function findJavaHome() {
  const fromEnv = process.env.JAVA_HOME;
  const javaHome =
    fromEnv && existsSync(join(fromEnv, "bin", "java"))
      ? fromEnv
      : (() => {
          const which = run("sh", ["-c", "command -v java"]);
          const java = which?.stdout.trim();
          if (!java) {
            throw new SetupError(
              "OpenSearch needs Java 17+ but no `java` is on PATH (Debian: apt-get install openjdk-17-jre-headless)",
            );
          }
          return dirname(dirname(realpathSync(java)));
        })();
  const probe = run(join(javaHome, "bin", "java"), ["-version"]);
  const banner = `${probe?.stdout ?? ""}${probe?.stderr ?? ""}`;
  const major = Number(/version "(\d+)/.exec(banner)?.[1] ?? 0);
  if (probe === null || probe.status !== 0 || major < 17) {
    throw new SetupError(
      `OpenSearch ${OPENSEARCH_VERSION} needs Java 17+; ${javaHome}/bin/java says:\n${banner}`,
    );
  }
  return { javaHome, javaVersion: banner.split("\n")[0]?.trim() };
}

function idOf(user, flag) {
  const result = run("id", [flag, user]);
  return result?.status === 0 ? Number(result.stdout.trim()) : null;
}

/** Who runs OpenSearch: ourselves when we are not root, else a system user created for it. */
function ensureUser() {
  if (process.getuid() !== 0) {
    return { user: null, uid: process.getuid(), gid: process.getgid() };
  }
  if (idOf(OPENSEARCH_USER, "-u") === null) {
    const created = run("useradd", [
      "--system",
      "--user-group",
      "--no-create-home",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      OPENSEARCH_USER,
    ]);
    // A concurrent run may have created it between our check and useradd: only a still-missing user is an error.
    if (idOf(OPENSEARCH_USER, "-u") === null) {
      throw new SetupError(
        `OpenSearch refuses to run as root and the user ${OPENSEARCH_USER} could not be created: ` +
          `${created === null ? "useradd is not on PATH" : tail(created.stderr)}`,
      );
    }
    log(`created the system user ${OPENSEARCH_USER} to run OpenSearch (it refuses root)`);
  }
  return { user: OPENSEARCH_USER, uid: idOf(OPENSEARCH_USER, "-u"), gid: idOf(OPENSEARCH_USER, "-g") };
}

/** Fails early, naming the directory, when the OpenSearch user cannot read the distribution or run java. */
function checkAccess(account, javaHome) {
  if (account.user === null) return;
  const probe = run("setpriv", [
    `--reuid=${account.uid}`,
    `--regid=${account.gid}`,
    "--clear-groups",
    "--",
    "sh",
    "-c",
    'test -x "$1/bin/opensearch" && test -r "$1/lib" && test -x "$2" && test -x "$3/bin/java"',
    "sh",
    home,
    osDir,
    javaHome,
  ]);
  if (probe === null) throw new SetupError("setpriv (util-linux) is needed to run OpenSearch as non-root");
  if (probe.status !== 0) {
    throw new SetupError(
      `the user ${account.user} cannot reach ${rel(home)} or ${javaHome}/bin/java. Every parent directory of ` +
        `the checkout must be searchable by others (chmod o+x), e.g. \`namei -l ${home}\` shows which one is not.`,
    );
  }
}

/** Returns the manifest section for OpenSearch, fetching and unpacking it first unless it is already there. */
export async function installOpenSearch({ force = false } = {}) {
  const started = Date.now();
  const java = findJavaHome();
  const marker = readJson(join(home, MARKER));
  const installed = !force && marker?.sha256 === ZIP_SHA256 && existsSync(join(home, "bin", "opensearch"));
  if (!installed) {
    await fetchZip();
    unpack();
  }
  const account = ensureUser();
  checkAccess(account, java.javaHome);
  log(
    installed
      ? `OpenSearch ${OPENSEARCH_VERSION} is installed in ${rel(home)}; checked in ${seconds(started)}`
      : `OpenSearch ${OPENSEARCH_VERSION} ready in ${seconds(started)}`,
  );
  return {
    version: OPENSEARCH_VERSION,
    home,
    runsDir: join(osDir, "runs"),
    javaHome: java.javaHome,
    javaVersion: java.javaVersion,
    user: account.user,
    uid: account.uid,
    gid: account.gid,
  };
}
