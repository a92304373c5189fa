import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../api/src/config.ts';
import { connect } from '../../api/src/connect.ts';
import { startLocalEngine } from '../../neo4j/local-engine.ts';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(check: () => boolean, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return check();
}

// Each test here starts engines of its own, which takes a while on a busy two-core machine.
describe('the bundled local Neo4j', { timeout: 180_000 }, () => {
  it('starts with authentication, keeps the password private and is reused on the same DATA_DIR', async () => {
    const dataDir = tempDir('samspil-engine-');
    const first = await startLocalEngine({ dataDir, log: () => {} });
    try {
      expect(first.reused).toBe(false);
      expect(first.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
      expect(statSync(join(dataDir, 'neo4j', 'password')).mode & 0o777).toBe(0o600);

      const wrong = neo4j.driver(first.uri, neo4j.auth.basic('neo4j', 'not-the-password'));
      await expect(wrong.verifyConnectivity()).rejects.toMatchObject({
        code: expect.stringMatching(/Unauthorized|Security/),
      });
      await wrong.close();

      const second = await startLocalEngine({ dataDir, log: () => {} });
      expect(second).toMatchObject({ reused: true, uri: first.uri, password: first.password });
      await second.stop();
      const driver = neo4j.driver(first.uri, neo4j.auth.basic(first.username, first.password));
      await driver.verifyConnectivity();
      await driver.close();
    } finally {
      await first.stop();
    }
    expect(existsSync(join(dataDir, 'neo4j', 'engine.json'))).toBe(false);
  });

  it('stops when the Node process that started it is killed, leaving no orphan JVM', async () => {
    const dataDir = tempDir('samspil-orphan-');
    const script = join(dataDir, 'owner.mts');
    writeFileSync(
      script,
      `import { startLocalEngine } from ${JSON.stringify(join(process.cwd(), 'neo4j/local-engine.ts'))};
       await startLocalEngine({ dataDir: ${JSON.stringify(dataDir)}, log: () => {} });
       console.log('READY');
       setInterval(() => {}, 1000);`,
    );
    const owner = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      owner.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
      owner.once('exit', (code) => reject(new Error(`owner exited early (${code})`)));
    });
    const { pid } = JSON.parse(readFileSync(join(dataDir, 'neo4j', 'engine.json'), 'utf8')) as {
      pid: number;
    };
    expect(alive(pid)).toBe(true);
    owner.kill('SIGKILL');
    expect(await waitFor(() => !alive(pid), 30)).toBe(true);
  });

  it('says what to install when Java is missing', () => {
    const dataDir = tempDir('samspil-nojava-');
    const script = join(dataDir, 'start.mts');
    writeFileSync(
      script,
      `import { startLocalEngine } from ${JSON.stringify(join(process.cwd(), 'neo4j/local-engine.ts'))};
       try { await startLocalEngine({ dataDir: ${JSON.stringify(dataDir)}, log: () => {} }); }
       catch (error) { console.log(error.message); process.exit(3); }`,
    );
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, PATH: '/nonexistent' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/needs `java`/);
    expect(result.stdout).toMatch(/NEO4J_URI/);
  });

  it('is not started at all when NEO4J_URI is set', async () => {
    const dataDir = tempDir('samspil-remote-');
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://example.databases.neo4j.io',
      NEO4J_PASSWORD: 'pw',
      DATA_DIR: dataDir,
    });
    const connection = await connect(config);
    expect(connection.engine).toBeUndefined();
    expect(connection.settings).toEqual({
      uri: 'neo4j+s://example.databases.neo4j.io',
      username: 'neo4j',
      password: 'pw',
      database: undefined,
    });
    expect(existsSync(join(dataDir, 'neo4j'))).toBe(false);
    await expect(connect(loadConfig({ NEO4J_URI: 'bolt://x:7687' }))).rejects.toThrow(
      /NEO4J_PASSWORD/,
    );
  });
});
