#!/usr/bin/env node
// Provisions the event-ruler differential-test oracle (test/oracle/):
//   1. Maven fetches the event-ruler version pinned in test/oracle/pom.xml (and its deps) into .cache/m2;
//   2. javac compiles test/oracle/EventRulerHarness.java into .cache/oracle/classes-<hash>/;
//   3. a smoke request runs through the harness;
//   4. .cache/oracle/oracle.json records the java command and classpath for test/support/event-ruler-oracle.ts.
// Idempotent: when the pom and the harness are unchanged and the jars are still there, it only checks
// that java runs. Exits non-zero, saying why, when anything is missing or fails.
//
// Usage: node scripts/setup-oracle.mjs [--force]

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const oracleSrc = join(root, "test", "oracle");
const pom = join(oracleSrc, "pom.xml");
const harness = join(oracleSrc, "EventRulerHarness.java");
const cache = join(root, ".cache");
const m2 = join(cache, "m2");
const out = join(cache, "oracle");
const manifestPath = join(out, "oracle.json");
const MAIN_CLASS = "EventRulerHarness";
const JAVA_RELEASE = "17";
const force = process.argv.includes("--force");
const started = Date.now();

function log(message) {
  process.stdout.write(`[setup-oracle] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[setup-oracle] FAILED: ${message}\n`);
  process.exit(1);
}

function rel(path) {
  return relative(root, path) || ".";
}

/** Runs a command; returns { status, stdout, stderr } or null when the command does not exist. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) {
    if (result.error.code === "ENOENT") return null;
    fail(`could not run ${command}: ${result.error.message}`);
  }
  return result;
}

function javaTool(name) {
  const home = process.env.JAVA_HOME;
  if (home) {
    const candidate = join(home, "bin", name);
    if (existsSync(candidate)) return candidate;
  }
  return name;
}

const INSTALL_HINT = {
  java: "a Java 17+ runtime (Debian: apt-get install openjdk-17-jdk-headless)",
  javac: "a Java 17+ JDK with javac (Debian: apt-get install openjdk-17-jdk-headless)",
  mvn: "Apache Maven 3.6+ (Debian: apt-get install maven)",
};

/** Fails naming every missing tool, so one run tells the whole story. */
function requireTools(names) {
  const found = {};
  const missing = [];
  for (const name of names) {
    const command = name === "mvn" ? "mvn" : javaTool(name);
    const probe = run(command, name === "mvn" ? ["-B", "-v"] : ["-version"]);
    if (probe === null || probe.status !== 0) {
      missing.push(`${name} (${INSTALL_HINT[name]})`);
    } else {
      const text = `${probe.stdout}${probe.stderr}`;
      found[name] = {
        command,
        // Maven colours its banner even in batch mode: drop ANSI escapes.
        version: text
          .split(String.fromCharCode(27))
          .join("")
          .replace(/\[[0-9;]*m/g, "")
          .split("\n")[0]
          ?.trim(),
      };
    }
  }
  if (missing.length > 0) {
    fail(
      `the event-ruler oracle needs tools that are missing from this machine: ${missing.join("; ")}. ` +
        "Install them (or set JAVA_HOME) and run `node scripts/setup-oracle.mjs` again.",
    );
  }
  return found;
}

function pinnedVersion() {
  const text = readFileSync(pom, "utf8");
  const match = /<event-ruler\.version>([^<]+)<\/event-ruler\.version>/.exec(text);
  if (!match) fail(`${rel(pom)} does not define <event-ruler.version>`);
  return match[1].trim();
}

function inputsHash() {
  const hash = createHash("sha256");
  for (const file of [pom, harness]) {
    hash.update(rel(file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  hash.update(`release=${JAVA_RELEASE}`);
  return hash.digest("hex");
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    return null;
  }
}

function isUpToDate(manifest, hash) {
  return (
    manifest !== null &&
    manifest.inputsHash === hash &&
    Array.isArray(manifest.classpath) &&
    manifest.classpath.length > 1 &&
    manifest.classpath.every((entry) => typeof entry === "string" && existsSync(entry)) &&
    existsSync(join(manifest.classpath[0], `${MAIN_CLASS}.class`))
  );
}

function smokeTest(java, classpath) {
  const request = '{"pattern":{"a":["b"]},"event":{"a":"b"}}\n{"pattern":{"a":[]},"event":{"a":"b"}}\n';
  const result = run(java, ["-cp", classpath.join(delimiter), MAIN_CLASS], {
    input: request,
    timeout: 60_000,
  });
  if (result === null) fail(`${java} vanished while smoke-testing the harness`);
  const lines = result.stdout.trim().split("\n");
  const ok =
    result.status === 0 &&
    lines.length === 2 &&
    lines[0] === '{"result":true}' &&
    lines[1] === '{"error":"Empty arrays are not allowed"}';
  if (!ok) {
    fail(
      `the harness did not answer the smoke requests as expected (exit ${result.status}).\n` +
        `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}

function build(version, hash) {
  const tools = requireTools(["java", "javac", "mvn"]);
  log(`using ${tools.java.version}; ${tools.mvn.version}`);
  mkdirSync(out, { recursive: true });

  // 1. Jars: Maven resolves the pinned event-ruler and writes the classpath; everything lands in .cache/m2.
  log(`resolving software.amazon.event.ruler:event-ruler:${version} with Maven into ${rel(m2)} ...`);
  const classpathFile = join(out, `classpath-${process.pid}.txt`);
  const mvnStarted = Date.now();
  const mvn = run(tools.mvn.command, [
    "-B",
    "-q",
    "--no-transfer-progress",
    "-f",
    pom,
    `-Dmaven.repo.local=${m2}`,
    "dependency:build-classpath",
    `-Dmdep.outputFile=${classpathFile}`,
    "-Dmdep.includeScope=runtime",
  ]);
  if (mvn === null || mvn.status !== 0 || !existsSync(classpathFile)) {
    fail(
      `Maven could not resolve event-ruler ${version} (exit ${mvn?.status}). Is Maven Central reachable?\n` +
        `${mvn?.stdout ?? ""}${mvn?.stderr ?? ""}`,
    );
  }
  const jars = readFileSync(classpathFile, "utf8")
    .trim()
    .split(delimiter)
    .filter((entry) => entry.length > 0);
  rmSync(classpathFile, { force: true });
  if (!jars.some((jar) => jar.includes(`event-ruler-${version}.jar`))) {
    fail(`Maven's classpath does not contain event-ruler-${version}.jar: ${jars.join(delimiter)}`);
  }
  log(`Maven resolved ${jars.length} jars in ${((Date.now() - mvnStarted) / 1000).toFixed(1)}s`);

  // 2. Compile the harness into a directory named after the inputs, so concurrent runs never collide.
  const classes = join(out, `classes-${hash.slice(0, 12)}`);
  const staging = `${classes}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`compiling ${rel(harness)} with javac into ${rel(classes)} ...`);
  const javac = run(tools.javac.command, [
    "--release",
    JAVA_RELEASE,
    "-encoding",
    "UTF-8",
    "-Xlint:all,-options",
    "-Werror",
    "-d",
    staging,
    "-cp",
    jars.join(delimiter),
    harness,
  ]);
  if (javac === null || javac.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    fail(`javac failed (exit ${javac?.status}):\n${javac?.stdout ?? ""}${javac?.stderr ?? ""}`);
  }
  rmSync(classes, { recursive: true, force: true });
  renameSync(staging, classes);
  for (const entry of readdirSync(out)) {
    if (/^classes-[0-9a-f]{12}$/.test(entry) && join(out, entry) !== classes) {
      rmSync(join(out, entry), { recursive: true, force: true }); // an older harness build
    }
  }

  const classpath = [classes, ...jars];
  smokeTest(tools.java.command, classpath);

  const manifest = {
    eventRulerVersion: version,
    java: tools.java.command,
    mainClass: MAIN_CLASS,
    classpath,
    inputsHash: hash,
    builtAt: new Date().toISOString(),
  };
  const tmp = `${manifestPath}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, manifestPath);
  log(`built the event-ruler ${version} oracle in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

function main() {
  if (!existsSync(pom) || !existsSync(harness)) {
    fail(`missing ${rel(pom)} or ${rel(harness)}`);
  }
  const version = pinnedVersion();
  const hash = inputsHash();
  const manifest = readManifest();
  if (!force && isUpToDate(manifest, hash)) {
    const tools = requireTools(["java"]);
    if (manifest.java !== tools.java.command) {
      manifest.java = tools.java.command;
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    }
    log(
      `event-ruler ${version} oracle is up to date in ${rel(out)} (${tools.java.version}); ` +
        `checked in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    return;
  }
  log(
    manifest === null
      ? `no oracle in ${rel(out)} yet: building it`
      : force
        ? "--force: rebuilding the oracle"
        : "oracle inputs changed or jars are missing: rebuilding it",
  );
  build(version, hash);
}

main();
