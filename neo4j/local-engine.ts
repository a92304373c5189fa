import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createConnection, createServer } from 'node:net';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import neo4j from 'neo4j-driver';

/**
 * The bundled local Neo4j: Neo4j Community embedded in `Launcher.java`, its jars resolved by
 * Maven on first use. One engine per DATA_DIR; a second command on the same DATA_DIR reuses it.
 * The process that started the engine owns it: it restarts the engine when it dies, and stops it.
 * The store under DATA_DIR/neo4j is private to the user (0700).
 */

const engineDir = dirname(fileURLToPath(import.meta.url));
const targetDir = join(engineDir, 'target');
const classpathFile = join(targetDir, 'classpath.txt');
const launcherJar = join(targetDir, 'samspil-neo4j.jar');
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

const jvmOptions = () => [
  ...JVM_OPENS,
  '-XX:+UseG1GC',
  '-Xms256m',
  `-Xmx${process.env.SAMSPIL_NEO4J_HEAP ?? '2g'}`,
];

export interface LocalEngine {
  uri: string;
  username: string;
  password: string;
  /** True when another command on the same DATA_DIR started the engine and owns it. */
  reused: boolean;
  version: string;
  /** The JVM now serving; it changes when the owner restarts the engine. */
  readonly pid: number;
  /**
   * Calls `listener` with `'down'` when the engine this process owns stops unexpectedly, and with
   * `'up'` once its restart on the same store and Bolt port answers. A reused engine never calls
   * it: the process that owns the engine restarts it. Returns a function that unsubscribes.
   */
  onStatus(listener: (status: EngineStatus) => void): () => void;
  /** Stops the engine if this process started it; a reused engine is left running. */
  stop(): Promise<void>;
}

export type EngineStatus = 'down' | 'up';

export interface StartOptions {
  dataDir: string;
  /** Bolt port; a free one is picked when absent. */
  boltPort?: number;
  /** Progress lines for people (Maven, start-up, restarts). */
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
  mkdirSync(dataDir, { recursive: true });
  makePrivateDir(stateDir);
  makePrivateDir(join(stateDir, 'store'));
  const password = readOrCreatePassword(join(stateDir, 'password'));
  const engineFile = join(stateDir, 'engine.json');

  const running = await findRunningEngine(engineFile);
  if (running) {
    log(`Neo4j: reusing the engine already running on ${dataDir} (pid ${running.pid})`);
    return {
      ...connectionOf(running.boltPort, password),
      reused: true,
      version: running.version,
      pid: running.pid,
      onStatus: () => () => {},
      stop: async () => {},
    };
  }

  const java = requireTool(
    'java',
    ['-version'],
    'a JDK 17 or 21 (e.g. `apt-get install openjdk-17-jdk-headless`)',
  );
  await ensureBuilt(log);
  const archive = await ensureClassArchive(java, log);

  const owner = new EngineOwner(
    stateDir,
    options.boltPort ?? (await freePort()),
    password,
    engineFile,
    archive,
    log,
  );
  await owner.start();
  return owner;
}

/**
 * The engine this process started, kept running: when its JVM dies for any reason but `stop()`,
 * it is started again on the same store and the same Bolt port, so drivers reconnect to the URI
 * they already have. Neo4j recovers the store from its transaction log, so every commit that
 * was acknowledged before the crash is there afterwards.
 */
class EngineOwner implements LocalEngine {
  readonly uri: string;
  readonly username = 'neo4j';
  readonly reused = false;
  version = '';
  private child: ChildProcess | undefined;
  private stopping = false;
  /** Set once the password is known to be in the store, so a restart can skip setting it. */
  private passwordSet = false;
  private cancelWait: (() => void) | undefined;
  private readonly listeners = new Set<(status: EngineStatus) => void>();

  constructor(
    private readonly stateDir: string,
    private readonly boltPort: number,
    readonly password: string,
    private readonly engineFile: string,
    private readonly archive: string | null,
    private readonly log: (line: string) => void,
  ) {
    this.uri = `bolt://127.0.0.1:${boltPort}`;
  }

  async start(): Promise<void> {
    const started = Date.now();
    this.log(
      `Neo4j: starting Neo4j Community on bolt://127.0.0.1:${this.boltPort} (store: ${join(this.stateDir, 'store')})`,
    );
    await this.launch();
    this.log(`Neo4j ${this.version}: ready in ${seconds(Date.now() - started)}`);
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  onStatus(listener: (status: EngineStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelWait?.();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      await exited;
    }
  }

  /** Starts a JVM and resolves once it answers; a JVM that dies after that is restarted. */
  private async launch(): Promise<void> {
    const child = spawnLauncher(join(this.stateDir, 'store'), this.boltPort, this.password, {
      passwordSet: this.passwordSet,
      jvm:
        this.archive && existsSync(this.archive) ? [`-XX:SharedArchiveFile=${this.archive}`] : [],
    });
    this.child = child;
    let ready = false;
    const killOnExit = () => child.kill('SIGTERM');
    process.on('exit', killOnExit);
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      if (readEngineFile(this.engineFile)?.pid === child.pid) {
        rmSync(this.engineFile, { force: true });
      }
      if (ready && !this.stopping) void this.restart(signal ? `signal ${signal}` : `exit ${code}`);
    });
    this.version = await waitForReady(child, this.log);
    ready = true;
    this.passwordSet = true;
    const file: EngineFile = { pid: child.pid!, boltPort: this.boltPort, version: this.version };
    writeFileSync(this.engineFile, JSON.stringify(file), { mode: 0o600 });
  }

  /**
   * Restarts until the engine answers again or `stop()` is called. A failed attempt (the port
   * still held, the store lock taken by another command) is retried after 1 s, then 2, 4, … up
   * to 30 s, each logged.
   */
  private async restart(cause: string): Promise<void> {
    const diedAt = Date.now();
    this.log(
      `Neo4j: the local engine stopped unexpectedly (${cause}); restarting on the same store…`,
    );
    this.emit('down');
    let delay = 1000;
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.launch();
      } catch (error) {
        if (this.stopping) return;
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        this.log(
          `Neo4j: restart attempt ${attempt} failed (${reason}); trying again in ${seconds(delay)}`,
        );
        await this.wait(delay);
        delay = Math.min(delay * 2, 30_000);
        continue;
      }
      if (this.stopping) return;
      this.log(`Neo4j: back after ${seconds(Date.now() - diedAt)}`);
      this.emit('up');
      return;
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(done, ms);
      this.cancelWait = () => {
        clearTimeout(timer);
        done();
      };
    });
  }

  private emit(status: EngineStatus): void {
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (error) {
        this.log(`Neo4j: a status listener failed: ${String(error)}`);
      }
    }
  }
}

/** Starts `Launcher.java` on a store and port; it answers once it prints its ready line. */
function spawnLauncher(
  storeDir: string,
  boltPort: number,
  password: string,
  options: { passwordSet: boolean; jvm: string[] },
): ChildProcess {
  const classpath = `${launcherJar}:${readFileSync(classpathFile, 'utf8').trim()}`;
  return spawn(
    'java',
    [
      ...jvmOptions(),
      ...options.jvm,
      '-cp',
      classpath,
      'dk.samspil.neo4j.Launcher',
      storeDir,
      String(boltPort),
    ],
    {
      // stdin stays an open pipe: the launcher exits when it closes, i.e. when we die.
      stdio: ['pipe', 'pipe', 'pipe'],
      // A process group of its own: Ctrl-C in a terminal reaches only Node, which stops the
      // engine itself, rather than killing the JVM behind our back (which would look like a
      // crash and start a restart during shutdown).
      detached: true,
      env: {
        ...process.env,
        SAMSPIL_NEO4J_PASSWORD: password,
        SAMSPIL_NEO4J_PASSWORD_SET: options.passwordSet ? '1' : '',
      },
    },
  );
}

/** Statements that load most of what the app's queries need: Bolt, Cypher, writes, schema. */
const WARM_UP = [
  'CREATE CONSTRAINT warm_up_id IF NOT EXISTS FOR (n:WarmUp) REQUIRE n.id IS UNIQUE',
  "UNWIND range(1, 100) AS i CREATE (:WarmUp {id: toString(i), name: 'n' + i, at: datetime()})",
  "MATCH (a:WarmUp {id: '1'}), (b:WarmUp {id: '2'}) MERGE (a)-[r:LINKS {since: date()}]->(b) RETURN r",
  `MATCH (n:WarmUp) WHERE n.id IN $ids
   RETURN n { .*, links: [(n)-[:LINKS]->(m) | m.id] } AS row ORDER BY row.id SKIP 0 LIMIT 50`,
  "MATCH (n:WarmUp {id: '1'}) SET n.version = coalesce(n.version, 0) + 1 RETURN n.version",
  'MATCH (n:WarmUp) WITH n.name AS name, count(*) AS c RETURN collect(name)[..5] AS names, sum(c)',
  "CALL dbms.components() YIELD name, edition WHERE name = 'Neo4j Kernel' RETURN edition",
  'MATCH (n:WarmUp) DETACH DELETE n',
  'DROP CONSTRAINT warm_up_id IF EXISTS',
];

/**
 * A class-data-sharing archive of the classes Neo4j loads, so that the JVM maps them instead of
 * loading and verifying them one by one: it takes about 40 % off every start, and so off every
 * restart after a crash. Made once per build and JDK by a warm-up run on a throw-away store
 * (about as long as one start, plus writing the archive); without one the engine starts as
 * before.
 */
async function ensureClassArchive(
  java: string,
  log: (line: string) => void,
): Promise<string | null> {
  const key = createHash('sha256')
    .update(java)
    .update(jvmOptions().join(' '))
    .update(readFileSync(classpathFile))
    .update(String(statSync(launcherJar).mtimeMs))
    .digest('hex')
    .slice(0, 16);
  const archive = join(targetDir, `classes-${key}.jsa`);
  if (existsSync(archive)) return archive;

  log('Neo4j: preparing a class archive so that later starts are faster (first run only)…');
  const started = Date.now();
  const storeDir = mkdtempSync(join(tmpdir(), 'samspil-neo4j-warm-up-'));
  const partial = `${archive}.${process.pid}.partial`;
  const password = randomBytes(24).toString('base64url');
  const port = await freePort();
  const child = spawnLauncher(storeDir, port, password, {
    passwordSet: false,
    jvm: [`-XX:ArchiveClassesAtExit=${partial}`],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    await waitForReady(child, () => {});
    const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', password));
    try {
      for (const statement of WARM_UP) {
        const session = driver.session();
        try {
          await session.executeWrite((tx) => tx.run(statement, { ids: ['1', '2', '3'] }));
        } finally {
          await session.close();
        }
      }
    } finally {
      await driver.close();
    }
    // The JVM writes the archive as it exits, after its store has shut down.
    child.stdin!.end();
    if ((await exited) !== 0 || !existsSync(partial)) throw new Error('no archive was written');
    renameSync(partial, archive);
    for (const file of readdirSync(targetDir)) {
      if (/^classes-\w+\.jsa$/.test(file) && join(targetDir, file) !== archive) {
        rmSync(join(targetDir, file), { force: true });
      }
    }
    log(`Neo4j: class archive ready in ${seconds(Date.now() - started)}`);
    return archive;
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    log(`Neo4j: no class archive (${String(error).split('\n')[0]}); starting without one`);
    return null;
  } finally {
    rmSync(partial, { force: true });
    rmSync(storeDir, { recursive: true, force: true });
  }
}

function connectionOf(boltPort: number, password: string) {
  return { uri: `bolt://127.0.0.1:${boltPort}`, username: 'neo4j', password };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The store holds every map in plain files: only the user running Samspil may read it. A
 * directory left 0755 by an older version is tightened on start.
 */
function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if ((statSync(path).mode & 0o777) !== 0o700) chmodSync(path, 0o700);
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

/** Runs `command args` and returns its output, or says what to install. */
function requireTool(command: string, args: string[], what: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalEngineError(
      `Samspil needs \`${command}\` to run its bundled Neo4j, and it was not found. ` +
        `Install ${what}, or set NEO4J_URI (with NEO4J_USERNAME and NEO4J_PASSWORD) to use an existing Neo4j server or Aura.`,
    );
  }
  return `${result.stdout}${result.stderr}`;
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
  if (newerThan(classpathFile, pomFile, launcherSource) && newerThan(launcherJar, launcherSource)) {
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
