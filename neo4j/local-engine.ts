import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection, createServer } from 'node:net';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync,
  utimesSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/**
 * The bundled local Neo4j: Neo4j Community embedded in `Launcher.java`, its jars resolved by
 * Maven on first use. One engine per DATA_DIR; a second command on the same DATA_DIR reuses it.
 */

const engineDir = dirname(fileURLToPath(import.meta.url));
const targetDir = join(engineDir, 'target');
const classpathFile = join(targetDir, 'classpath.txt');
const launcherClass = join(targetDir, 'classes', 'dk', 'samspil', 'neo4j', 'Launcher.class');
const launcherSource = join(
  engineDir,
  'src',
  'main',
  'java',
  'dk',
  'samspil',
  'neo4j',
  'Launcher.java',
);
const pomFile = join(engineDir, 'pom.xml');

/** Modules the Neo4j kernel reflects into on JDK 17+. */
const JVM_OPENS = [
  'java.base/java.nio',
  'java.base/sun.nio.ch',
  'java.base/java.lang',
  'java.base/java.lang.reflect',
  'java.base/java.io',
  'java.base/java.net',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/java.time',
  'java.base/jdk.internal.misc',
  'java.base/jdk.internal.ref',
  'java.base/sun.net.www.protocol.http',
].flatMap((module) => [`--add-opens=${module}=ALL-UNNAMED`]);

export interface LocalEngine {
  uri: string;
  username: string;
  password: string;
  /** True when another command on the same DATA_DIR started the engine and owns it. */
  reused: boolean;
  version: string;
  /** Stops the engine if this process started it; a reused engine is left running. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  /** Bolt port; a free one is picked when absent. */
  boltPort?: number;
  /** Progress lines for people (Maven, start-up). */
  log?: (line: string) => void;
}

interface EngineFile {
  pid: number;
  boltPort: number;
  version: string;
}

/** A readable error for people: what is missing and what to do about it. */
export class LocalEngineError extends Error {
  override name = 'LocalEngineError';
}

export async function startLocalEngine(options: StartOptions): Promise<LocalEngine> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dataDir = resolve(options.dataDir);
  const stateDir = join(dataDir, 'neo4j');
  mkdirSync(stateDir, { recursive: true });
  const password = readOrCreatePassword(join(stateDir, 'password'));
  const engineFile = join(stateDir, 'engine.json');

  const running = await findRunningEngine(engineFile);
  if (running) {
    log(`Neo4j: reusing the engine already running on ${dataDir} (pid ${running.pid})`);
    return engineHandle(running, password, true, async () => {});
  }

  requireTool(
    'java',
    ['-version'],
    'a JDK 17 or 21 (e.g. `apt-get install openjdk-17-jdk-headless`)',
  );
  await ensureBuilt(log);

  const boltPort = options.boltPort ?? (await freePort());
  const classpath = `${join(targetDir, 'classes')}:${readFileSync(classpathFile, 'utf8').trim()}`;
  const started = Date.now();
  log(
    `Neo4j: starting Neo4j Community on bolt://127.0.0.1:${boltPort} (store: ${join(stateDir, 'store')})`,
  );
  const child = spawn(
    'java',
    [
      ...JVM_OPENS,
      '-XX:+UseG1GC',
      '-Xms256m',
      `-Xmx${process.env.SAMSPIL_NEO4J_HEAP ?? '2g'}`,
      '-cp',
      classpath,
      'dk.samspil.neo4j.Launcher',
      join(stateDir, 'store'),
      String(boltPort),
    ],
    {
      // stdin stays an open pipe: the launcher exits when it closes, i.e. when we die.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, SAMSPIL_NEO4J_PASSWORD: password },
    },
  );
  const version = await waitForReady(child, log);
  const file: EngineFile = { pid: child.pid!, boltPort, version };
  writeFileSync(engineFile, JSON.stringify(file));
  log(`Neo4j ${version}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('exit', () => {
    process.off('exit', killOnExit);
    if (readEngineFile(engineFile)?.pid === child.pid) rmSync(engineFile, { force: true });
  });

  return engineHandle(file, password, false, async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
}

function engineHandle(
  file: EngineFile,
  password: string,
  reused: boolean,
  stop: () => Promise<void>,
): LocalEngine {
  return {
    uri: `bolt://127.0.0.1:${file.boltPort}`,
    username: 'neo4j',
    password,
    reused,
    version: file.version,
    stop,
  };
}

function readOrCreatePassword(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(path, `${password}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return password;
}

function readEngineFile(path: string): EngineFile | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EngineFile;
  } catch {
    return null;
  }
}

/** An engine counts as running when its process lives and its Bolt port accepts connections. */
async function findRunningEngine(path: string): Promise<EngineFile | null> {
  const file = readEngineFile(path);
  if (!file) return null;
  try {
    process.kill(file.pid, 0);
  } catch {
    rmSync(path, { force: true });
    return null;
  }
  return (await portAcceptsConnections(file.boltPort)) ? file : null;
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function requireTool(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error || result.status !== 0) {
    throw new LocalEngineError(
      `Samspil needs \`${command}\` to run its bundled Neo4j, and it was not found. ` +
        `Install ${what}, or set NEO4J_URI (with NEO4J_USERNAME and NEO4J_PASSWORD) to use an existing Neo4j server or Aura.`,
    );
  }
}

function newerThan(file: string, ...sources: string[]): boolean {
  if (!existsSync(file)) return false;
  const built = statSync(file).mtimeMs;
  return sources.every((source) => statSync(source).mtimeMs <= built);
}

/**
 * Resolves the Neo4j jars and compiles the launcher with Maven, once: later starts find the
 * classpath in neo4j/target and skip Maven entirely. Maven's download lines become a progress
 * line every two seconds, so a first run on a slow network never looks stuck.
 */
async function ensureBuilt(log: (line: string) => void): Promise<void> {
  if (
    newerThan(classpathFile, pomFile, launcherSource) &&
    newerThan(launcherClass, launcherSource)
  ) {
    return;
  }
  requireTool('mvn', ['-v'], 'Maven 3.8+ (e.g. `apt-get install maven`)');
  requireTool(
    'javac',
    ['-version'],
    'a full JDK 17 or 21, not only a JRE (e.g. `apt-get install openjdk-17-jdk-headless`)',
  );
  log('Neo4j: resolving Neo4j Community jars with Maven (first run only; about 170 MB)…');
  const started = Date.now();
  const maven = spawn(
    'mvn',
    [
      '-B',
      '-f',
      pomFile,
      'package',
      'dependency:build-classpath',
      `-Dmdep.outputFile=${classpathFile}`,
      '-DskipTests',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let downloads = 0;
  const errors: string[] = [];
  const ticker = setInterval(
    () =>
      log(
        `Neo4j: Maven is working… ${downloads} files downloaded, ${Math.round((Date.now() - started) / 1000)} s`,
      ),
    2000,
  );
  const onLine = (line: string) => {
    if (line.includes('Downloaded from')) downloads++;
    if (line.includes('ERROR')) errors.push(line);
  };
  createInterface({ input: maven.stdout! }).on('line', onLine);
  createInterface({ input: maven.stderr! }).on('line', onLine);
  const code = await new Promise<number | null>((done) => {
    maven.once('error', () => done(-1));
    maven.once('exit', done);
  });
  clearInterval(ticker);
  if (code !== 0) {
    throw new LocalEngineError(
      `Maven could not build the bundled Neo4j launcher:\n${errors.slice(0, 15).join('\n')}`,
    );
  }
  // The dependency plugin leaves an unchanged classpath file untouched; mark it fresh so the next
  // start sees the build as current and skips Maven.
  const now = new Date();
  utimesSync(classpathFile, now, now);
  log(
    `Neo4j: jars ready (${downloads} downloaded) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Resolves with the Neo4j version once the launcher reports that the database answers. */
function waitForReady(child: ChildProcess, log: (line: string) => void): Promise<string> {
  return new Promise((done, fail) => {
    const errors: string[] = [];
    let ready = false;
    const startedAt = Date.now();
    const ticker = setInterval(() => {
      if (Date.now() - startedAt > 180_000) {
        child.kill('SIGKILL');
        fail(new LocalEngineError('The bundled Neo4j did not answer within 3 minutes.'));
      } else {
        log('Neo4j: still starting…');
      }
    }, 10_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^SAMSPIL_NEO4J_READY (\S+)/.exec(line);
      if (match && !ready) {
        ready = true;
        clearInterval(ticker);
        done(match[1]!);
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      errors.push(line);
      if (errors.length > 200) errors.shift();
    });
    child.once('error', (error) => {
      clearInterval(ticker);
      fail(new LocalEngineError(`Could not start Java: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearInterval(ticker);
      if (ready) return;
      const locked = errors.some((line) => /lock/i.test(line));
      const hint = locked
        ? 'Another process holds the store lock on this DATA_DIR; stop it or use another DATA_DIR.'
        : errors.slice(-20).join('\n');
      fail(
        new LocalEngineError(
          `The bundled Neo4j stopped during start-up (${signal ?? code}).\n${hint}`,
        ),
      );
    });
  });
}
