import { describe, expect, it } from 'vitest';
import { planImport, type Content, type Entity } from '../../api/src/interchange/plan.ts';
import { readImportFile } from '../../api/src/interchange/read-file.ts';

/**
 * The planner's rules on small Samspil CSV files against a small map: how rows match, how
 * references resolve, and which rows the API's own rules refuse.
 */

let counter = 0;
const newId = () => `N${String(++counter).padStart(5, '0')}`;
const meta = {
  mapId: 'm',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function actor(id: string, name: string, fields: Record<string, unknown> = {}): Entity {
  return {
    id,
    ...meta,
    name,
    sector: 'municipal',
    type: null,
    description: null,
    influence: null,
    interest: null,
    tags: [],
    parentId: null,
    areaIds: [],
    source: null,
    attributes: {},
    ...fields,
  };
}

function initiative(id: string, title: string, fields: Record<string, unknown> = {}): Entity {
  return {
    id,
    ...meta,
    title,
    status: 'active',
    description: null,
    startDate: null,
    endDate: null,
    budget: null,
    priority: null,
    expectedEffect: null,
    planId: null,
    goalIds: [],
    areaIds: [],
    dependsOn: [],
    source: null,
    attributes: {},
    ...fields,
  };
}

function commitment(
  id: string,
  actorId: string,
  initiativeId: string,
  fields: Record<string, unknown> = {},
): Entity {
  return {
    id,
    ...meta,
    actorId,
    initiativeId,
    planId: null,
    role: 'owner',
    status: 'agreed',
    amount: null,
    fundingType: null,
    from: null,
    to: null,
    verifiedAt: null,
    note: null,
    source: null,
    attributes: {},
    ...fields,
  };
}

const content = (): Content => ({
  actors: [
    actor('a1', 'Kommunen', { type: 'Forvaltning' }),
    actor('a2', 'Formand', { type: 'Bestyrelse' }),
    actor('a3', 'Formand', { type: 'Forening' }),
    actor('a4', 'Boligselskabet', { parentId: null }),
  ],
  initiatives: [
    initiative('i1', 'Helhedsplan'),
    initiative('i2', 'Byggeri', { dependsOn: ['i1'] }),
  ],
  commitments: [commitment('c1', 'a1', 'i1', { from: '2020-01-01', to: '2022-12-31' })],
});

async function plan(
  files: Record<string, string>,
  options: { skipInvalid?: boolean; map?: Content } = {},
) {
  const rows = [];
  const sets = [];
  for (const [name, text] of Object.entries(files)) {
    const set = await readImportFile({ bytes: new TextEncoder().encode(text), filename: name });
    sets.push(set);
    rows.push(...set.rows);
  }
  const set = { ...sets[0]!, rows, fatal: sets.flatMap((s) => s.fatal) };
  return planImport(set, options.map ?? content(), {
    newId,
    today: '2026-06-01',
    skipInvalid: options.skipInvalid ?? false,
  });
}

const errors = (result: Awaited<ReturnType<typeof plan>>) =>
  result.problems
    .filter((p) => p.level === 'error')
    .map((p) => ({ row: p.row, column: p.column, code: p.code }));

describe('matching rows to the map', () => {
  it('matches by ID, else by name and type, else by name; unchanged rows change nothing', async () => {
    const result = await plan({
      'Aktører.csv': [
        'ID,Navn,Sektor,Type',
        'a1,Kommunen,municipal,Forvaltning',
        ',Formand,civil_society,Forening',
        ',Boligselskabet,housing,',
        ',Nyt Netværk,civil_society,',
      ].join('\n'),
    });
    expect(errors(result)).toEqual([]);
    expect(result.outcomes.map((o) => [o.row.row, o.action, o.id, o.fields])).toEqual([
      [2, 'unchanged', 'a1', []],
      [3, 'update', 'a3', ['sector']],
      [4, 'update', 'a4', ['sector']],
      [5, 'create', expect.stringMatching(/^N/), []],
    ]);
    expect(result.writes.updates.find((u) => u.id === 'a3')!.patch).toEqual({
      sector: 'civil_society',
    });
  });

  it('refuses a name that matches several entities when the type does not tell them apart', async () => {
    const result = await plan({ 'Aktører.csv': 'Navn,Sektor\nFormand,residents\n' });
    expect(errors(result)).toEqual([{ row: 2, column: 'Navn', code: 'ambiguous_match' }]);
    expect(result.writes).toEqual({ creates: [], updates: [] });
  });

  it('refuses an ID of another kind and two rows for the same entity', async () => {
    const result = await plan({
      'Aktører.csv':
        'ID,Navn,Sektor\ni1,Helhedsplan,other\n,Kommunen,municipal\na1,Kommunen,state\n',
    });
    expect(errors(result)).toEqual([
      { row: 2, column: 'ID', code: 'id_of_other_kind' },
      { row: 4, column: null, code: 'duplicate_row' },
    ]);
  });
});

describe('references', () => {
  it('resolve by name or id, in the file and in the map; a changed name beats its old id', async () => {
    const result = await plan({
      'Aktører.csv': [
        'ID,Navn,Sektor,Del af,Del af (ID)',
        'x1,Afdeling Nord,municipal,Kommunen,',
        ',Afdeling Syd,municipal,Boligselskabet,a1',
        ',Afdeling Øst,municipal,Afdeling Nord,',
        ',Afdeling Vest,municipal,Noget Ukendt,a1',
      ].join('\n'),
    });
    expect(errors(result)).toEqual([]);
    const parent = (name: string) =>
      result.writes.creates.find((c) => c.body.name === name)!.body.parentId;
    const nord = result.writes.creates.find((c) => c.body.name === 'Afdeling Nord')!.id;
    expect(parent('Afdeling Nord')).toBe('a1');
    expect(parent('Afdeling Syd')).toBe('a4');
    expect(parent('Afdeling Øst')).toBe(nord);
    // A name that names nothing leaves the id to decide.
    expect(parent('Afdeling Vest')).toBe('a1');
    // A node that links to another new node comes first, so a revert can take them one by one.
    const order = result.writes.creates.map((c) => c.body.name);
    expect(order.indexOf('Afdeling Øst')).toBeLessThan(order.indexOf('Afdeling Nord'));
  });

  it('reports unknown and ambiguous names', async () => {
    const result = await plan({
      'Aktører.csv':
        'Navn,Sektor,Del af\nAfdeling,municipal,Ingen Sådan\nAfdeling 2,municipal,Formand\n',
    });
    expect(errors(result)).toEqual([
      { row: 2, column: 'Del af', code: 'unknown_reference' },
      { row: 3, column: 'Del af', code: 'ambiguous_reference' },
    ]);
  });

  it('refuses a link that would close a cycle with the map', async () => {
    const result = await plan({
      'Indsatser.csv': 'ID,Titel,Status,Afhænger af\ni1,Helhedsplan,active,Byggeri\n',
    });
    expect(errors(result)).toEqual([{ row: 2, column: 'Afhænger af', code: 'cycle' }]);
  });
});

describe('facts', () => {
  it('match an existing fact by its ends, key and period, and follow the duplicate rule', async () => {
    const result = await plan({
      'Tilsagn.csv': [
        'Aktør,Indsats,Rolle,Status,Gælder fra,Gælder til',
        'Kommunen,Helhedsplan,owner,formalised,2020-01-01,2022-12-31',
        'Kommunen,Helhedsplan,owner,agreed,2022-06-01,',
        'Kommunen,Helhedsplan,owner,agreed,2023-01-01,2023-12-31',
        'Kommunen,Helhedsplan,owner,agreed,2023-06-01,',
        'Kommunen,Byggeri,funder,agreed,,',
      ].join('\n'),
    });
    expect(result.outcomes[0]).toMatchObject({ action: 'update', id: 'c1', fields: ['status'] });
    expect(errors(result)).toEqual([
      { row: 3, column: null, code: 'duplicate_fact' },
      { row: 5, column: null, code: 'duplicate_fact' },
    ]);
  });

  it('with skipInvalid, writes the valid rows and drops those that need an invalid one', async () => {
    const result = await plan(
      {
        'Aktører.csv': 'Navn,Sektor,Indflydelse\nNy Fond,foundation,3\nForkert,nowhere,9\n',
        'Tilsagn.csv':
          'Aktør,Indsats,Rolle,Status\nNy Fond,Helhedsplan,funder,agreed\nForkert,Helhedsplan,funder,agreed\n',
      },
      { skipInvalid: true },
    );
    expect(errors(result)).toEqual([
      { row: 3, column: 'Sektor', code: 'not_an_option' },
      { row: 3, column: 'Indflydelse', code: 'too_large' },
      { row: 3, column: null, code: 'depends_on_invalid' },
    ]);
    expect(result.writes.creates.map((c) => c.collection)).toEqual(['actors', 'commitments']);
  });

  it('end a withdrawn commitment today, as the API does, and refuse self-collaboration', async () => {
    const result = await plan(
      {
        'Tilsagn.csv': 'Aktør,Indsats,Rolle,Status\nBoligselskabet,Byggeri,contributor,withdrawn\n',
        'Samarbejder.csv': 'Aktør A,Aktør B,Art\nKommunen,Kommunen,network\n',
      },
      { skipInvalid: true },
    );
    expect(result.writes.creates[0]!.body).toMatchObject({ status: 'withdrawn', to: '2026-06-01' });
    expect(errors(result)).toEqual([{ row: 2, column: 'Aktør B', code: 'self_reference' }]);
  });
});
