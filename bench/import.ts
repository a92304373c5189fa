import { randomBytes } from 'node:crypto';
import { buildApp } from '../api/src/app.ts';
import type { Database } from '../api/src/db/database.ts';
import { BundleRepository } from '../api/src/repositories/bundle-repository.ts';
import { MapRepository } from '../api/src/repositories/map-repository.ts';
import { systemWrite } from '../api/src/repositories/map-write.ts';
import type { MapBundle } from '../graph-schema/index.ts';
import { generateSyntheticBundle } from '../seed/synthetic.ts';
import { own } from './access.ts';
import { median, ms } from './stats.ts';

interface Options {
  db: Database;
  log: (line: string) => void;
}

const RUNS = 3;

/** Data rows a workbook of the bundle has: one per entity and fact. */
function rowCount(bundle: MapBundle): number {
  const { map: _map, ...collections } = bundle;
  return Object.values(collections).reduce((sum, rows) => sum + (rows as unknown[]).length, 0);
}

/** A bundle of about `rows` rows, found by growing the actor count. */
function bundleOf(rows: number): MapBundle {
  let actors = 100;
  for (;;) {
    const bundle = generateSyntheticBundle({ actors, seed: 7 });
    const count = rowCount(bundle);
    if (count >= rows) return bundle;
    actors = Math.ceil(actors * Math.max(1.02, rows / count));
  }
}

function multipart(bytes: Buffer, filename: string, signedIn: Record<string, string>) {
  const boundary = `----samspil${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    payload,
    headers: { ...signedIn, 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * Importing 10,000 rows (the target: under 30 s): a synthetic map of about 10,000 rows
 * is exported as Samspil's workbook, CSV zip and backup, and each file is imported into a new
 * map through the API (`POST /maps/import`), median of three. Also: the dry run of the same file
 * into that map (everything unchanged), and the export itself.
 */
export async function runImportBench({ db, log }: Options): Promise<void> {
  log('\n## Import and export of about 10,000 rows (POST /maps/import, GET …/export)');
  const bundle = bundleOf(10_000);
  const rows = rowCount(bundle);
  await new BundleRepository(db).import(bundle, systemWrite());
  const { headers } = await own(db, bundle.map.id);
  const maps = new MapRepository(db);
  const app = await buildApp({ db, migrate: false });
  await app.ready();
  const made: string[] = [];
  try {
    log(
      `  synthetic map: ${rows} rows (${bundle.actors.length} actors, ${bundle.commitments.length} commitments)`,
    );
    for (const [format, filename] of [
      ['xlsx', 'bench.xlsx'],
      ['csv', 'bench.zip'],
      ['json', 'bench.json'],
    ] as const) {
      const exports: number[] = [];
      let file: Buffer = Buffer.alloc(0);
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await app.inject({
          method: 'GET',
          url: `/api/v1/maps/${bundle.map.id}/export?format=${format}`,
          headers,
        });
        exports.push(performance.now() - started);
        if (response.statusCode !== 200)
          throw new Error(`export ${format} → ${response.statusCode}`);
        file = response.rawPayload;
      }
      const imports: number[] = [];
      let created = '';
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/maps/import',
          ...multipart(file, filename, headers),
        });
        imports.push(performance.now() - started);
        if (response.statusCode !== 201) {
          throw new Error(
            `import ${format} → ${response.statusCode}: ${response.body.slice(0, 500)}`,
          );
        }
        created = (JSON.parse(response.body) as { map: { id: string } }).map.id;
        made.push(created);
      }
      const dry: number[] = [];
      let unchanged = 0;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await app.inject({
          method: 'POST',
          url: `/api/v1/maps/${created}/import?dryRun=true`,
          ...multipart(file, filename, headers),
        });
        dry.push(performance.now() - started);
        const report = JSON.parse(response.body) as {
          counts: Record<string, { unchanged: number }>;
        };
        unchanged = Object.values(report.counts).reduce((sum, count) => sum + count.unchanged, 0);
      }
      log(
        `  ${format} (${(file.length / 1024).toFixed(0)} KB): export ${ms(median(exports))}; ` +
          `import into a new map ${ms(median(imports))} (${imports.map(ms).join(', ')}); ` +
          `dry-run re-import ${ms(median(dry))}, ${unchanged} of ${rows} rows unchanged`,
      );
    }
    log('  target: 10,000 rows in under 30 s');
  } finally {
    await app.close();
    for (const id of [bundle.map.id, ...made]) await maps.delete(id, systemWrite());
  }
}
