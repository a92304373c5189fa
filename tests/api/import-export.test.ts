import { randomBytes } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotRepository } from '../../api/src/repositories/snapshot-repository.ts';
import {
  BackupSchema,
  FACT_MODELS,
  inEveryFile,
  NODE_MODELS,
  type FactModel,
  type NodeModel,
} from '../../graph-schema/index.ts';
import { loadDemoMap } from '../../seed/load.ts';
import {
  buildTestApp,
  call,
  callAs,
  callerOf,
  createMap,
  createUser,
  credentialHeaders,
  grantRole,
  type Json,
  type TestContext,
} from '../helpers/app.ts';
import { buildActor, buildInitiative } from '../helpers/factories.ts';
import { download, upload } from '../helpers/upload.ts';
import { zipBomb } from '../helpers/zip-bomb.ts';
import { kumuWorkbook } from '../interchange/kumu-files.ts';

/**
 * Import and export against the real Neo4j (docs/import-export.md): every format round-trips,
 * a re-import changes nothing, a dry run and a refused import write nothing, and every unsafe
 * file gets a 400 with its report.
 */

let ctx: TestContext;
let demoId: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  demoId = `io-${randomBytes(5).toString('hex')}`;
  await loadDemoMap(ctx.db, { mapId: demoId, ownerId: ctx.user.user.id });
});

afterAll(async () => ctx?.close());

const nodeModels = NODE_MODELS as readonly NodeModel[];
const factModels = FACT_MODELS as readonly FactModel[];
/** The models of the sheets and network files; the backup alone also holds the saved views. */
const tableModels = [...nodeModels, ...factModels].filter(inEveryFile);
const backupOnly = [...nodeModels, ...factModels].filter((model) => !inEveryFile(model));

/**
 * A map as plain data with every id replaced by the name of what it names (a fact by its kind
 * and its ends), also the ids inside a saved view's state: two maps with the same graph give the
 * same value, whatever their ids, versions and timestamps.
 */
async function comparable(mapId: string) {
  const { map, ...content } = await new SnapshotRepository(ctx.db).load(mapId);
  const rows = content as unknown as Record<string, Record<string, unknown>[]>;
  const names = new Map<string, string>();
  for (const model of nodeModels) {
    for (const row of rows[model.collection] ?? [])
      names.set(row.id as string, `${model.kind}:${String(row[model.nameField])}`);
  }
  for (const model of factModels) {
    for (const row of rows[model.collection] ?? []) {
      const ends = [model.from, ...model.to].map((end) => names.get(row[end] as string));
      names.set(row.id as string, `${model.kind}:${ends.filter(Boolean).join('→')}`);
    }
  }
  const rename = (value: unknown, key?: string): unknown =>
    key && Array.isArray(value)
      ? (value as Record<string, unknown>[])
          .map((item) => ({ ...item, [key]: rename(item[key]) }))
          .sort((a, b) => String(a[key]).localeCompare(String(b[key])))
      : Array.isArray(value)
        ? value.map((id) => names.get(id as string) ?? id).sort()
        : typeof value === 'string'
          ? (names.get(value) ?? value)
          : value;
  const out: Record<string, unknown> = {};
  for (const model of [...nodeModels, ...factModels]) {
    out[model.collection] = (rows[model.collection] ?? [])
      .map((row) => {
        const { id: _id, mapId: _map, version: _v, createdAt: _c, updatedAt: _u, ...fields } = row;
        return Object.fromEntries(
          Object.entries(fields).map(([name, value]) => {
            const field = model.fields[name];
            return [
              name,
              field?.storage === 'link' || field?.storage === 'end'
                ? rename(value, field.link?.key)
                : field?.renameIds
                  ? field.renameIds(value as never, (id) => names.get(id) ?? id)
                  : value,
            ];
          }),
        );
      })
      .map((row) => JSON.stringify(row))
      .sort();
  }
  const layout = (await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body as {
    positions: Record<string, unknown>;
  };
  return {
    map: {
      name: map.name,
      description: map.description,
      locale: map.locale,
      currency: map.currency,
      settings: map.settings,
    },
    content: out,
    layout: Object.fromEntries(
      Object.entries(layout.positions).map(([id, position]) => [names.get(id) ?? id, position]),
    ),
  };
}

/** What a map holds, counted straight over Bolt, with its revision. */
async function state(mapId: string) {
  return ctx.db.read(async (tx) => {
    const result = await tx.run(
      `MATCH (m:Map {id: $mapId})
       RETURN m.revision AS revision,
              COUNT { MATCH (n) WHERE n.mapId = $mapId AND NOT n:Change } AS nodes,
              COUNT { MATCH ()-[r]->() WHERE r.mapId = $mapId } AS facts,
              COUNT { MATCH (:Map {id: $mapId})<-[]-() } AS mapLinks,
              COUNT { MATCH (c:Change) WHERE c.mapId = $mapId } AS changes,
              COUNT { MATCH (n)-[l]->() WHERE n.mapId = $mapId AND l.mapId IS NULL } AS links`,
      { mapId },
    );
    const record = result.records[0]!.toObject() as Record<string, { toNumber(): number }>;
    return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, Number(value)]));
  });
}

const total = (counts: Record<string, Record<string, number>>, action: string) =>
  Object.values(counts).reduce((sum, count) => sum + count[action]!, 0);

async function workbookOf(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Every sheet's name (its model's plural noun), in the order graph-schema declares the models. */
function sheetNames(lang: 'da' | 'en'): string[] {
  return tableModels.map((model) => {
    expect(model.names, `${model.kind} names its sheet`).toBeDefined();
    return model.names![lang][1];
  });
}

/** A sheet's header row as text, and the column number of a header. */
function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  const values = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
  const index = values.indexOf(header);
  if (index < 1) throw new Error(`no column "${header}" in ${sheet.name}: ${values.join(', ')}`);
  return index;
}

describe('exports', () => {
  it('writes every format, and each reads back with its own library', async () => {
    const snapshot = await new SnapshotRepository(ctx.db).load(demoId);
    const counts = Object.fromEntries(
      [...nodeModels, ...factModels].map((m) => [
        m.collection,
        ((snapshot as unknown as Record<string, unknown[]>)[m.collection] ?? []).length,
      ]),
    );

    const xlsx = await download(ctx.app, demoId, 'format=xlsx&lang=da');
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toMatch(
      /^attachment; filename="Hje-Taastrup.*\.xlsx"; filename\*=UTF-8''H%C3%B8je-Taastrup/,
    );
    const workbook = await workbookOf(xlsx.bytes);
    // A README, then one sheet per model in the order graph-schema declares them, each named by
    // the model's own plural noun.
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['README', ...sheetNames('da')]);
    expect(sheetNames('da').slice(0, 6)).toEqual([
      'Områder',
      'Mål',
      'Planer',
      'Indsatser',
      'Aktører',
      'Fora',
    ]);
    expect(sheetNames('da')).toEqual(expect.arrayContaining(['Møder', 'Tilsagn', 'Holdninger']));
    expect(workbook.getWorksheet('Aktører')!.actualRowCount - 1).toBe(counts.actors);
    expect(workbook.getWorksheet('Tilsagn')!.actualRowCount - 1).toBe(counts.commitments);
    expect((workbook.getWorksheet('Aktører')!.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      'ID',
      'Navn',
      'Sektor',
      'Type',
    ]);
    const english = await workbookOf(
      (await download(ctx.app, demoId, 'format=xlsx&lang=en')).bytes,
    );
    expect((english.getWorksheet('Actors')!.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      'ID',
      'Name',
      'Sector',
      'Type',
    ]);
    const readme = english.getWorksheet('README')!;
    const readmeText = readme.getSheetValues().flat().join(' ');
    expect(readmeText).toContain('municipal, political, housing');
    expect(readmeText).toContain('Part of (ID)');

    const csv = await download(ctx.app, demoId, 'format=csv&lang=en');
    expect(csv.headers['content-type']).toBe('application/zip');
    const files = unzipSync(csv.bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['README', ...sheetNames('en')].map((name) => `${name}.csv`).sort(),
    );
    expect(files).toHaveProperty(['Actors.csv']);
    expect(files).toHaveProperty(['Meetings.csv']);
    const csvBook = new ExcelJS.Workbook();
    // UTF-8 with a byte-order mark, so Excel reads the Danish letters.
    expect([...files['Actors.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const actorsCsv = strFromU8(files['Actors.csv']!);
    const { Readable } = await import('node:stream');
    const sheet = await csvBook.csv.read(Readable.from([actorsCsv]));
    expect(sheet.actualRowCount - 1).toBe(counts.actors);

    const json = await download(ctx.app, demoId, 'format=json');
    const backup = JSON.parse(Buffer.from(json.bytes).toString('utf8')) as Json;
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    const valid = ajv.validate(BackupSchema, backup);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(backup.content.actors).toHaveLength(counts.actors);
    expect(backup.content.commitments[0]).toHaveProperty('version');

    const gexf = Buffer.from((await download(ctx.app, demoId, 'format=gexf')).bytes).toString(
      'utf8',
    );
    expect(gexf).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(gexf).toMatch(/<graph mode="dynamic" defaultedgetype="directed" timeformat="date"/);
    const network = parseGexf(Graph, gexf);
    // Saved views are no nodes of the network.
    expect(counts.views).toBeGreaterThan(0);
    const nodes = nodeModels
      .filter(inEveryFile)
      .reduce((sum, model) => sum + counts[model.collection]!, 0);
    expect(network.order).toBe(nodes);
    const facts = factModels.reduce((sum, model) => sum + counts[model.collection]!, 0);
    const edgeKinds = new Map<string, number>();
    network.forEachEdge((_edge, attributes) =>
      edgeKinds.set(attributes.kind as string, (edgeKinds.get(attributes.kind as string) ?? 0) + 1),
    );
    expect(edgeKinds.get('commitment')).toBe(counts.commitments);
    expect(edgeKinds.get('collaboration')).toBe(counts.collaborations);
    expect(edgeKinds.get('part_of')).toBeGreaterThan(0);
    expect(network.size).toBeGreaterThanOrEqual(facts);
    // The facts' validity is the edges' interval: Gephi's timeline reads start and end.
    const withFrom = snapshot.commitments.filter((c) => c.from).length;
    expect(
      (gexf.match(/<edge [^>]*kind|<edge [^>]* start="\d{4}-\d{2}-\d{2}"/g) ?? []).length,
    ).toBeGreaterThanOrEqual(withFrom);
    network.forEachNode((_node, attributes) => expect(typeof attributes.kind).toBe('string'));

    const graphml = Buffer.from((await download(ctx.app, demoId, 'format=graphml')).bytes).toString(
      'utf8',
    );
    const parsed = parseGraphml(Graph, graphml);
    expect(parsed.order).toBe(nodes);
    expect(parsed.size).toBe(network.size);
    const actorNode = parsed.getNodeAttributes(snapshot.actors[0]!.id);
    expect(actorNode).toMatchObject({
      kind: 'actor',
      label: snapshot.actors[0]!.name,
      sector: snapshot.actors[0]!.sector,
    });
  });

  it('neutralises cells a spreadsheet would take for formulas, and reads them back exactly', async () => {
    const mapId = await createMap(ctx.app, 'Injection');
    const names = [
      '=HYPERLINK("http://evil.example","click")',
      '+4512345678',
      '-Kommunen',
      '@SUM(A1)',
    ];
    for (const name of names) await buildActor(ctx.app, mapId, { name, description: '=1+1' });
    const workbook = await workbookOf(
      (await download(ctx.app, mapId, 'format=xlsx&lang=en')).bytes,
    );
    const actors = workbook.getWorksheet('Actors')!;
    const written = actors.getColumn(columnOf(actors, 'Name')).values.slice(2) as string[];
    expect(written.sort()).toEqual(names.map((name) => `'${name}`).sort());
    for (const value of written) expect(/^[=+\-@]/.test(value)).toBe(false);
    const csv = strFromU8(
      unzipSync((await download(ctx.app, mapId, 'format=csv&lang=en')).bytes)['Actors.csv']!,
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
    const kumu = await workbookOf((await download(ctx.app, mapId, 'format=kumu')).bytes);
    expect(
      (kumu.getWorksheet('Elements')!.getColumn(2).values.slice(2) as string[]).every((v) =>
        v.startsWith("'"),
      ),
    ).toBe(true);
    // Read back, the apostrophes go: nothing changes.
    for (const [query, filename] of [
      ['format=xlsx', 'x.xlsx'],
      ['format=csv', 'x.zip'],
    ]) {
      const file = await download(ctx.app, mapId, query!);
      const report = await upload(
        ctx.app,
        `/maps/${mapId}/import?dryRun=true`,
        file.bytes,
        filename!,
      );
      expect(report.body.report?.problems ?? []).toEqual([]);
      expect(report.status).toBe(200);
      expect(report.body.counts.actor).toEqual({ create: 0, update: 0, unchanged: 4, invalid: 0 });
    }
  });
});

describe('round trips', () => {
  it.each([
    ['xlsx', 'demo.xlsx'],
    ['csv', 'demo.zip'],
    ['json', 'demo.json'],
  ])(
    'an export as %s imports into a new map as the same graph, ids apart',
    async (format, filename) => {
      await call(ctx.app, 'PUT', `/maps/${demoId}/layout`, {
        positions: Object.fromEntries(
          (await new SnapshotRepository(ctx.db).load(demoId)).actors
            .slice(0, 5)
            .map((actor, i) => [actor.id, { x: i * 10, y: -i }]),
        ),
      });
      const file = await download(ctx.app, demoId, `format=${format}`);
      const made = await upload(ctx.app, '/maps/import', file.bytes, filename);
      expect(made.status).toBe(201);
      expect(made.body.report).toMatchObject({ applied: true, errors: 0, mapId: made.body.map.id });
      const original = await comparable(demoId);
      const copy = await comparable(made.body.map.id);
      if (format === 'json') {
        expect(copy.content).toEqual(original.content);
        expect(copy.map).toEqual(original.map);
        expect(copy.layout).toEqual(original.layout);
      } else {
        // A spreadsheet holds the map's content, not the ways it was looked at.
        for (const model of backupOnly) {
          expect(original.content[model.collection]).not.toEqual([]);
          expect(copy.content[model.collection], model.collection).toEqual([]);
          delete original.content[model.collection];
          delete copy.content[model.collection];
        }
        expect(copy.content).toEqual(original.content);
      }
    },
  );

  it.each([
    ['xlsx', 'demo.xlsx'],
    ['csv', 'demo.zip'],
    ['json', 'demo.json'],
  ])(
    're-importing an export as %s creates and changes nothing, and writes nothing',
    async (format, filename) => {
      const file = await download(ctx.app, demoId, `format=${format}`);
      const before = await state(demoId);
      const dry = await upload(ctx.app, `/maps/${demoId}/import?dryRun=true`, file.bytes, filename);
      const real = await upload(ctx.app, `/maps/${demoId}/import`, file.bytes, filename);
      for (const report of [dry.body, real.body]) {
        expect(total(report.counts, 'create')).toBe(0);
        expect(total(report.counts, 'update')).toBe(0);
        expect(total(report.counts, 'unchanged')).toBe(report.rows);
      }
      expect(real.body.applied).toBe(false);
      expect(await state(demoId)).toEqual(before);
    },
  );

  it('the same file into a map made from it: matched by name when its ids are not the map’s', async () => {
    const file = await download(ctx.app, demoId, 'format=xlsx');
    const made = await upload(ctx.app, '/maps/import', file.bytes, 'demo.xlsx');
    const again = await upload(
      ctx.app,
      `/maps/${made.body.map.id}/import?dryRun=true`,
      file.bytes,
      'demo.xlsx',
    );
    expect(again.status).toBe(200);
    expect(total(again.body.counts, 'create')).toBe(0);
    expect(total(again.body.counts, 'update')).toBe(0);
  });
});

describe('the JSON backup', () => {
  const models = [...nodeModels, ...factModels];
  const filled = (value: unknown) =>
    value !== undefined &&
    value !== null &&
    value !== '' &&
    !(Array.isArray(value) && value.length === 0) &&
    !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

  it(
    'holds every model graph-schema declares, a value in every field of each, and restores them all',
    { timeout: 300_000 },
    async () => {
      const mapId = `backup-${randomBytes(5).toString('hex')}`;
      await loadDemoMap(ctx.db, { mapId, ownerId: ctx.user.user.id });
      // Custom fields of each kind of value on one row of every model, and the few fields the
      // demo map leaves empty everywhere, so that each field is compared below.
      const forums = await call(ctx.app, 'GET', `/maps/${mapId}/forums?limit=1`);
      const first = async (collection: string, count = 1) =>
        (
          (await call(ctx.app, 'GET', `/maps/${mapId}/${collection}?limit=${count}`)).body
            .items as Json[]
        ).map((item) => item.id as string);
      const actors = await first('actors', 3);
      // A view that names an entity of every kind its state can name, and a fact as its open
      // element: the restored map's view must name the restored map's own.
      const everyPart = {
        view: 'map',
        sectors: ['housing'],
        statuses: ['active'],
        areas: await first('areas'),
        plans: await first('plans'),
        goals: await first('goals'),
        show: ['plans', 'areas'],
        sizeBy: 'betweenness',
        gaps: true,
        asOf: '2024-01-01',
        focus: actors.slice(0, 1),
        depth: 2,
        picked: actors,
        select: (await first('commitments'))[0],
      };
      const unusedInDemo: Record<string, Record<string, unknown>> = {
        plan: { budget: 1_250_000 },
        membership: { note: 'Valgt på generalforsamlingen' },
        stance: { to: '2035-12-31', note: 'Sagt på borgermødet' },
        meeting: { forumId: (forums.body.items[0] as Json).id },
        action: { gapId: '0123456789abcdef0123456789abcdef', description: 'Aftalt på mødet' },
        view: { state: everyPart },
      };
      for (const model of models) {
        const page = await call(ctx.app, 'GET', `/maps/${mapId}/${model.collection}?limit=1`);
        const row = page.body.items[0] as Json;
        expect(row, `the demo map has no ${model.kind} to back up`).toBeDefined();
        const patched = await call(
          ctx.app,
          'PATCH',
          `/maps/${mapId}/${model.collection}/${row.id}`,
          {
            ...('attributes' in model.fields
              ? { attributes: { Kilde: `Kumu ${model.kind}`, Antal: 3.5, Dato: '2024-05-01' } }
              : {}),
            ...unusedInDemo[model.kind],
          },
          { 'if-match': String(row.version) },
        );
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      }

      const backup = JSON.parse(
        Buffer.from((await download(ctx.app, mapId, 'format=json')).bytes).toString('utf8'),
      ) as Json;
      expect(Object.keys(backup.content).sort()).toEqual(models.map((m) => m.collection).sort());
      const unused = models.flatMap((model) =>
        Object.keys(model.fields)
          .filter(
            (field) =>
              !(backup.content[model.collection] as Json[]).some((row) => filled(row[field])),
          )
          .map((field) => `${model.kind}.${field}`),
      );
      expect(
        unused,
        'fields the test data leaves empty, so the round trip would not check them',
      ).toEqual([]);

      const made = await upload(
        ctx.app,
        '/maps/import',
        new TextEncoder().encode(JSON.stringify(backup)),
        'backup.json',
      );
      expect(made.status, JSON.stringify(made.body.report?.problems?.slice(0, 3))).toBe(201);
      const [original, copy] = [await comparable(mapId), await comparable(made.body.map.id)];
      expect(copy).toEqual(original);
      // The restored view names the new map's entities, none of the old map's.
      const copyId = made.body.map.id as string;
      const restored = (await call(ctx.app, 'GET', `/maps/${copyId}/views`)).body.items.find(
        (view: Json) => view.state.sizeBy === 'betweenness',
      ).state;
      const idsIn = async (collection: string) =>
        new Set(
          (
            (await call(ctx.app, 'GET', `/maps/${copyId}/${collection}?limit=1000`)).body
              .items as Json[]
          ).map((item) => item.id),
        );
      const copyActors = await idsIn('actors');
      expect(restored.picked).toHaveLength(3);
      for (const id of [...restored.picked, ...restored.focus]) {
        expect(copyActors.has(id)).toBe(true);
        expect(actors).not.toContain(id);
      }
      expect((await idsIn('commitments')).has(restored.select)).toBe(true);
      expect((await idsIn('areas')).has(restored.areas[0])).toBe(true);
      for (const model of models.filter((m) => 'attributes' in m.fields)) {
        expect(
          (copy.content[model.collection] as string[]).some((row) =>
            row.includes(`Kumu ${model.kind}`),
          ),
          `${model.kind} keeps its custom fields`,
        ).toBe(true);
      }
    },
  );
});

describe('a coordinator’s round trip', () => {
  it('export, rename one actor and add one commitment in the workbook: the dry run shows exactly that, the import applies it, and reverting undoes it', async () => {
    const mapId = `io-edit-${randomBytes(4).toString('hex')}`;
    await loadDemoMap(ctx.db, { mapId, ownerId: ctx.user.user.id });
    const workbook = await workbookOf(
      (await download(ctx.app, mapId, 'format=xlsx&lang=da')).bytes,
    );
    const actors = workbook.getWorksheet('Aktører')!;
    const nameColumn = columnOf(actors, 'Navn');
    const renamed = actors.getRow(2);
    const oldName = String(renamed.getCell(nameColumn).value);
    const actorId = String(renamed.getCell(columnOf(actors, 'ID')).value);
    renamed.getCell(nameColumn).value = `${oldName} (ny)`;
    renamed.commit();
    const initiatives = workbook.getWorksheet('Indsatser')!;
    const initiativeTitle = String(
      initiatives.getRow(2).getCell(columnOf(initiatives, 'Titel')).value,
    );
    const funder = String(actors.getRow(5).getCell(nameColumn).value);
    const commitments = workbook.getWorksheet('Tilsagn')!;
    const added: Record<string, string | number> = {
      Aktør: funder,
      Indsats: initiativeTitle,
      Rolle: 'endorser',
      Status: 'proposed',
      Beløb: 250000,
    };
    const row = commitments.getRow(commitments.actualRowCount + 1);
    for (const [header, value] of Object.entries(added))
      row.getCell(columnOf(commitments, header)).value = value;
    row.commit();
    const edited = await bytesOf(workbook);

    const before = await state(mapId);
    const dry = await upload(ctx.app, `/maps/${mapId}/import?dryRun=true`, edited, 'kortet.xlsx');
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toBe(0);
    expect(dry.body.changeCount).toBe(2);
    expect(dry.body.changes).toEqual([
      expect.objectContaining({
        sheet: 'Aktører',
        row: 2,
        kind: 'actor',
        action: 'update',
        id: actorId,
        fields: ['name'],
      }),
      expect.objectContaining({
        sheet: 'Tilsagn',
        kind: 'commitment',
        action: 'create',
        id: null,
        name: `${funder} → ${initiativeTitle}`,
      }),
    ]);
    expect(total(dry.body.counts, 'create') + total(dry.body.counts, 'update')).toBe(2);
    expect(await state(mapId)).toEqual(before);

    const real = await upload(ctx.app, `/maps/${mapId}/import`, edited, 'kortet.xlsx');
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ applied: true, changeCount: 2 });
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actorId}`)).body.name).toBe(
      `${oldName} (ny)`,
    );
    const createdId = real.body.changes[1].id as string;
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/commitments/${createdId}`)).body,
    ).toMatchObject({ role: 'endorser', status: 'proposed', amount: 250000 });
    const after = await state(mapId);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.changes).toBe(before.changes + 2);

    const reverted = await call(
      ctx.app,
      'POST',
      `/maps/${mapId}/history/${real.body.changeId}/revert`,
    );
    expect(reverted.status).toBe(200);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actorId}`)).body.name).toBe(
      oldName,
    );
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/commitments/${createdId}`)).status).toBe(
      404,
    );
  });
});

describe('dry run, all or nothing, skipInvalid', () => {
  async function fileWithOneBadRow(mapId: string) {
    const workbook = await workbookOf(
      (await download(ctx.app, mapId, 'format=xlsx&lang=en')).bytes,
    );
    const actors = workbook.getWorksheet('Actors')!;
    const add = (values: Record<string, string | number>) => {
      const row = actors.getRow(actors.actualRowCount + 1);
      for (const [header, value] of Object.entries(values))
        row.getCell(columnOf(actors, header)).value = value;
      row.commit();
    };
    add({ Name: 'Ny forening', Sector: 'civil_society', Influence: 2 });
    add({ Name: 'Forkert', Sector: 'civil_society', Influence: 'high' });
    return bytesOf(workbook);
  }

  it('a dry run writes nothing; with an error the real import writes nothing and answers 400 with the report', async () => {
    const mapId = await createMap(ctx.app, 'All or nothing');
    await buildActor(ctx.app, mapId, { name: 'Kommunen' });
    const file = await fileWithOneBadRow(mapId);
    const before = await state(mapId);
    const dry = await upload(ctx.app, `/maps/${mapId}/import?dryRun=true&lang=en`, file, 'x.xlsx');
    expect(dry.status).toBe(400);
    expect(dry.body.report.counts.actor).toEqual({
      create: 1,
      update: 0,
      unchanged: 1,
      invalid: 1,
    });
    const real = await upload(ctx.app, `/maps/${mapId}/import?lang=en`, file, 'x.xlsx');
    expect(real.status).toBe(400);
    expect(real.body).toMatchObject({
      error: 'import_refused',
      report: { applied: false, errors: 1 },
    });
    expect(real.body.details).toEqual([
      {
        sheet: 'Actors',
        row: 4,
        column: 'Influence',
        value: 'high',
        message: 'Must be a number.',
        code: 'not_a_number',
        level: 'error',
      },
    ]);
    expect(await state(mapId)).toEqual(before);
    const danish = await upload(ctx.app, `/maps/${mapId}/import?lang=da`, file, 'x.xlsx');
    expect(danish.body.details[0].message).toBe('Skal være et tal.');
  });

  it('skipInvalid imports the valid rows and reports the rest', async () => {
    const mapId = await createMap(ctx.app, 'Skip invalid');
    await buildActor(ctx.app, mapId, { name: 'Kommunen' });
    const file = await fileWithOneBadRow(mapId);
    const result = await upload(ctx.app, `/maps/${mapId}/import?skipInvalid=true`, file, 'x.xlsx');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      applied: true,
      errors: 1,
      counts: { actor: { create: 1, unchanged: 1, invalid: 1 } },
    });
    const names = (await call(ctx.app, 'GET', `/maps/${mapId}/actors`)).body.items
      .map((a: Json) => a.name)
      .sort();
    expect(names).toEqual(['Kommunen', 'Ny forening']);
  });
});

describe('Kumu', () => {
  it('imports a Kumu workbook with its types mapped, keeps custom fields, and exports a Kumu workbook that reads back', async () => {
    const mapId = await createMap(ctx.app, 'Kumu');
    const file = new Uint8Array(await kumuWorkbook());
    const first = await upload(ctx.app, `/maps/${mapId}/import?dryRun=true`, file, 'kumu.xlsx');
    expect(first.status).toBe(200);
    expect(first.body.source).toBe('kumu');
    expect(first.body.mapping.elements.find((e: Json) => e.type === 'Project')).toEqual({
      type: 'Project',
      rows: 1,
      guessed: true,
      target: { kind: 'actor', values: { sector: 'other' } },
    });
    const mapping = {
      elements: { Project: { kind: 'initiative', values: { status: 'planned' } } },
      connections: {
        Funding: { kind: 'commitment', values: { role: 'funder', status: 'agreed' } },
      },
    };
    const done = await upload(ctx.app, `/maps/${mapId}/import`, file, 'kumu.xlsx', {
      mapping: JSON.stringify(mapping),
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ applied: true, errors: 0 });
    const initiative = (await call(ctx.app, 'GET', `/maps/${mapId}/initiatives`)).body.items[0];
    expect(initiative).toMatchObject({ title: 'Byfornyelse', status: 'planned' });
    const jeff = (await call(ctx.app, 'GET', `/maps/${mapId}/actors?q=Jeff`)).body.items[0];
    expect(jeff).toMatchObject({
      type: 'Person',
      tags: ['Founder', 'Male', 'Runner'],
      attributes: { Organization: 'Kumu', 'Net worth': 1000000 },
    });
    const funding = (
      await call(ctx.app, 'GET', `/maps/${mapId}/commitments?initiativeId=${initiative.id}`)
    ).body.items;
    expect(funding).toEqual([expect.objectContaining({ role: 'funder', status: 'agreed' })]);

    // A second import of the same workbook changes nothing: elements by Label and Type,
    // connections by their ends.
    const again = await upload(ctx.app, `/maps/${mapId}/import?dryRun=true`, file, 'kumu.xlsx', {
      mapping: JSON.stringify(mapping),
    });
    expect(total(again.body.counts, 'create')).toBe(0);
    expect(total(again.body.counts, 'update')).toBe(0);

    const exported = await download(ctx.app, mapId, 'format=kumu');
    const workbook = await workbookOf(exported.bytes);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Elements', 'Connections']);
    const elements = workbook.getWorksheet('Elements')!;
    expect((elements.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
      'ID',
      'Label',
      'Type',
      'Description',
      'Tags',
    ]);
    expect(
      (workbook.getWorksheet('Connections')!.getRow(1).values as unknown[]).slice(1, 8),
    ).toEqual(['ID', 'From', 'To', 'Type', 'Direction', 'Description', 'Strength']);
    const header = (elements.getRow(1).values as unknown[]).map(String);
    expect(header).toEqual(expect.arrayContaining(['Organization', 'Net worth', 'Website']));
    const copy = await upload(ctx.app, '/maps/import', exported.bytes, 'kumu-export.xlsx');
    expect(copy.status).toBe(201);
    expect(copy.body.report).toMatchObject({ source: 'kumu', errors: 0 });
    expect((await comparable(copy.body.map.id)).content).toEqual((await comparable(mapId)).content);

    // Reverting the import's change group takes the whole import away again.
    const reverted = await call(
      ctx.app,
      'POST',
      `/maps/${mapId}/history/${done.body.changeId}/revert`,
    );
    expect(reverted.status).toBe(200);
    const left = await state(mapId);
    expect([left.nodes, left.facts, left.links]).toEqual([0, 0, 0]);
  });

  it('imports Kumu blueprints', async () => {
    const { exportedBlueprint } = await import('../interchange/kumu-files.ts');
    const made = await upload(
      ctx.app,
      '/maps/import',
      new TextEncoder().encode(JSON.stringify(exportedBlueprint)),
      'project.json',
      { name: 'Fra Kumu' },
    );
    expect(made.status).toBe(201);
    expect(made.body.map.name).toBe('Fra Kumu');
    const actor = (await call(ctx.app, 'GET', `/maps/${made.body.map.id}/actors`)).body.items[0];
    expect(actor).toMatchObject({
      name: 'Kommunen',
      type: 'Municipality',
      attributes: { budget: 12 },
    });
  });
});

describe('unsafe input: 400 with the report, nothing changed', () => {
  let mapId: string;
  let before: Record<string, number>;

  beforeAll(async () => {
    mapId = await createMap(ctx.app, 'Unsafe');
    await buildActor(ctx.app, mapId, { name: 'Kommunen' });
    await buildInitiative(ctx.app, mapId, { title: 'Helhedsplan' });
    before = await state(mapId);
  });

  async function refused(
    file: Uint8Array | null,
    filename: string,
    code: string,
    status = 400,
    fields: Record<string, string> = {},
  ) {
    const result = await upload(ctx.app, `/maps/${mapId}/import`, file, filename, fields);
    expect({ status: result.status, error: result.body.error }).toEqual({
      status,
      error: expect.any(String),
    });
    const codes = [
      result.body.error,
      ...(result.body.report?.problems ?? []).map((p: Json) => p.code),
    ];
    expect(codes).toContain(code);
    expect(await state(mapId)).toEqual(before);
    return result.body;
  }

  const csv = (text: string) => new TextEncoder().encode(text);

  it('a PNG renamed .xlsx', async () => {
    const png = Uint8Array.from([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...randomBytes(200),
    ]);
    const body = await refused(png, 'actors.xlsx', 'unreadable_file');
    expect(body.report.problems[0]).toMatchObject({ code: 'unreadable_file', level: 'error' });
  });

  it('a sheet without a name column', async () => {
    const body = await refused(
      csv('Sektor,Type\nmunicipal,Forvaltning\n'),
      'Aktører.csv',
      'missing_column',
    );
    expect(body.details[0]).toMatchObject({ sheet: 'Aktører', column: 'Name' });
  });

  it('a wrong type, and a date that is none', async () => {
    await refused(csv('Navn,Sektor,Indflydelse\nNy,other,høj\n'), 'Aktører.csv', 'not_a_number');
    await refused(
      csv('Titel,Status,Startdato\nNy,active,31-31-2024\n'),
      'Indsatser.csv',
      'not_a_date',
    );
  });

  it('a zip bomb', async () => {
    // 320 MB of zeros (more than the 300 MB a zip may unpack to), its headers claiming 1 KB.
    const bomb = zipBomb('xl/workbook.xml', 320 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused(new Uint8Array(bomb), 'bomb.xlsx', 'zip_too_large');
  });

  it('more than 100,000 rows, and more than 20 MB', async () => {
    const rows = ['Navn,Sektor', ...Array.from({ length: 100_001 }, (_, i) => `Aktør ${i},other`)];
    await refused(csv(rows.join('\n')), 'Aktører.csv', 'too_many_rows');
    await refused(new Uint8Array(21 * 1024 * 1024).fill(65), 'big.csv', 'file_too_large', 413);
  });

  it('a formula without a stored value; one with a value counts as that value, never evaluated', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Aktører');
    sheet.addRow(['Navn', 'Sektor', 'Indflydelse']);
    sheet.addRow(['Regnet', 'other', { formula: '1+1', result: 5 }]);
    sheet.addRow(['Uregnet', 'other', { formula: 'A2*2' }]);
    await refused(await bytesOf(workbook), 'f.xlsx', 'formula_without_value');
    sheet.spliceRows(3, 1);
    const result = await upload(
      ctx.app,
      `/maps/${mapId}/import`,
      await bytesOf(workbook),
      'f.xlsx',
    );
    expect(result.status).toBe(200);
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/actors?q=Regnet`)).body.items[0].influence,
    ).toBe(5);
    before = await state(mapId);
  });

  it('no multipart, no file part, a broken upload, a mapping that is not one', async () => {
    const json = await call(ctx.app, 'POST', `/maps/${mapId}/import`, { file: 'x' });
    expect(json.status).toBe(415);
    await refused(null, '', 'validation_failed', 400, { mapping: '{}' });
    const broken = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/maps/${mapId}/import`,
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nNavn',
      headers: {
        ...credentialHeaders(callerOf(ctx.app)),
        'content-type': 'multipart/form-data; boundary=x',
      },
    });
    expect(broken.statusCode).toBe(400);
    await refused(csv('Navn,Sektor\nNy,other\n'), 'Aktører.csv', 'validation_failed', 400, {
      mapping: '{"elements": {"X": {"kind": "actor", "values": {"sector": "mars"}}}}',
    });
    await refused(csv('Navn,Sektor\nNy,other\n'), 'Aktører.csv', 'validation_failed', 400, {
      mapping: 'not json',
    });
    expect(await state(mapId)).toEqual(before);
  });
});

describe('POST /maps/import', () => {
  it('is idempotent with a key, and tells how far an import has come', async () => {
    const file = (await download(ctx.app, demoId, 'format=json')).bytes;
    const key = { 'idempotency-key': `import-${randomBytes(6).toString('hex')}` };
    const first = await upload(
      ctx.app,
      '/maps/import?progress=token-1234',
      file,
      'b.json',
      {},
      key,
    );
    const second = await upload(
      ctx.app,
      '/maps/import?progress=token-1234',
      file,
      'b.json',
      {},
      key,
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.map.id).toBe(first.body.map.id);
    const other = await upload(
      ctx.app,
      '/maps/import',
      (await download(ctx.app, demoId, 'format=xlsx')).bytes,
      'b.xlsx',
      {},
      key,
    );
    expect(other.status).toBe(422);
    expect((await call(ctx.app, 'GET', '/imports/token-1234/progress')).body).toMatchObject({
      phase: 'done',
    });
    expect((await call(ctx.app, 'GET', '/imports/no-such-token/progress')).status).toBe(404);
  });

  it('a dry run makes no map', async () => {
    const name = `Prøve ${randomBytes(4).toString('hex')}`;
    const file = (await download(ctx.app, demoId, 'format=xlsx')).bytes;
    const dry = await upload(ctx.app, '/maps/import?dryRun=true', file, 'demo.xlsx', { name });
    expect(dry.status).toBe(200);
    expect(dry.body.map).toBeNull();
    expect(total(dry.body.report.counts, 'create')).toBe(dry.body.report.rows);
    const named = async () =>
      ((await call(ctx.app, 'GET', '/maps?limit=1000')).body.items as Json[]).filter(
        (map) => map.name === name,
      );
    expect(await named()).toEqual([]);
    const made = await upload(ctx.app, '/maps/import', file, 'demo.xlsx', { name });
    expect(made.body.map.name).toBe(name);
    expect(await named()).toHaveLength(1);
  });
});

describe('who may import and export', () => {
  it('a map made from a file belongs to the one who made it, as its owner, and to nobody else', async () => {
    const file = (await download(ctx.app, demoId, 'format=json')).bytes;
    const made = await upload(ctx.app, '/maps/import', file, 'backup.json', {
      name: `Owned ${randomBytes(4).toString('hex')}`,
    });
    expect(made.status).toBe(201);
    const mapId = made.body.map.id as string;
    expect((await call(ctx.app, 'GET', `/maps/${mapId}`)).body.access).toBe('owner');
    const members = (await call(ctx.app, 'GET', `/maps/${mapId}/members`)).body.items as Json[];
    expect(members.map((member) => [member.userId, member.role])).toEqual([
      [ctx.user.user.id, 'owner'],
    ]);
    const stranger = await createUser(ctx.app);
    const seen = await callAs(ctx.app, { token: stranger.token }, 'GET', `/maps/${mapId}`);
    expect(seen.status).toBe(404);
  });

  it('a user who is no administrator makes no map from a file, and nothing is written', async () => {
    const user = await createUser(ctx.app);
    const name = `Not made ${randomBytes(4).toString('hex')}`;
    const file = (await download(ctx.app, demoId, 'format=json')).bytes;
    const refused = await upload(
      ctx.app,
      '/maps/import',
      file,
      'b.json',
      { name },
      {},
      {
        token: user.token,
      },
    );
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const maps = (await call(ctx.app, 'GET', '/maps?limit=1000')).body.items as Json[];
    expect(maps.filter((map) => map.name === name)).toEqual([]);
  });

  it('a viewer exports but does not import; a share link does neither; an editor imports', async () => {
    const mapId = await createMap(ctx.app, 'Roles');
    const viewer = await createUser(ctx.app);
    const editor = await createUser(ctx.app);
    await grantRole(ctx.app, mapId, viewer, 'viewer');
    await grantRole(ctx.app, mapId, editor, 'editor');
    const link = (await call(ctx.app, 'POST', `/maps/${mapId}/share-links`, { label: 'Møde' })).body
      .token as string;
    const sheet = new TextEncoder().encode('Navn,Sektor\nImporteret,other\n');

    const exported = await download(ctx.app, mapId, 'format=json', { token: viewer.token });
    expect(JSON.parse(new TextDecoder().decode(exported.bytes)).map.id).toBe(mapId);
    const byLink = await callAs(ctx.app, { token: link }, 'GET', `/maps/${mapId}/export`);
    expect(byLink).toMatchObject({ status: 403, body: { error: 'forbidden' } });

    const url = `/maps/${mapId}/import`;
    const asViewer = await upload(
      ctx.app,
      url,
      sheet,
      'Aktører.csv',
      {},
      {},
      { token: viewer.token },
    );
    expect(asViewer).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const asLink = await upload(ctx.app, url, sheet, 'Aktører.csv', {}, {}, { token: link });
    expect(asLink).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const actors = async () => (await call(ctx.app, 'GET', `/maps/${mapId}/actors`)).body.items;
    expect(await actors()).toEqual([]);

    const asEditor = await upload(
      ctx.app,
      url,
      sheet,
      'Aktører.csv',
      {},
      {},
      { token: editor.token },
    );
    expect(asEditor.status).toBe(200);
    expect((await actors()).map((actor: Json) => actor.name)).toEqual(['Importeret']);
  });
});
