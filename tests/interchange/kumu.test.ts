import { describe, expect, it } from 'vitest';
import { planImport } from '../../api/src/interchange/plan.ts';
import { readImportFile } from '../../api/src/interchange/read-file.ts';
import { guessConnection, guessElement } from '../../api/src/interchange/kumu-read.ts';
import { exportedBlueprint, kumuWorkbook, shortBlueprint } from './kumu-files.ts';

let counter = 0;
const options = {
  newId: () => `N${String(++counter).padStart(6, '0')}`,
  today: '2026-06-01',
  skipInvalid: false,
};

async function plan(bytes: Uint8Array, filename: string, mapping?: object, skipInvalid = false) {
  const set = await readImportFile({ bytes, filename, mapping: mapping as never });
  return { set, plan: planImport(set, {}, { ...options, skipInvalid }) };
}

const byName = (result: Awaited<ReturnType<typeof plan>>, name: string) =>
  result.plan.outcomes.filter((outcome) => outcome.name === name);

describe('Kumu workbooks', () => {
  it('reads elements and connections as Kumu lays them out, with the default mapping', async () => {
    const result = await plan(await kumuWorkbook(), 'kumu.xlsx');
    const { set } = result;
    expect(set.source).toBe('kumu');
    // Notes (ignore) is skipped; the blank-header column is not a custom field.
    expect(set.customFields).toEqual([
      { sheet: 'Elements', columns: ['Organization', 'Net worth', 'Sector'] },
      { sheet: 'Elements', columns: ['Website'] },
      { sheet: 'Connections', columns: ['Label', 'Since'] },
    ]);
    const types = Object.fromEntries(set.mapping!.elements.map((e) => [e.type, e.target]));
    expect(types.Person).toEqual({ kind: 'actor', values: { sector: 'other' } });
    expect(types.Forum).toEqual({ kind: 'forum', values: { kind: 'network' } });
    expect(types['']).toEqual({ kind: 'actor', values: { sector: 'other' } });
    const connections = Object.fromEntries(set.mapping!.connections.map((e) => [e.type, e.target]));
    expect(connections.Employment).toEqual({ kind: 'collaboration', values: { kind: 'informal' } });
    expect(connections.Member).toEqual({ kind: 'membership', values: { role: 'member' } });

    const jeff = result.plan.writes.creates.find((c) => c.body.name === 'Jeff Mohr')!;
    expect(jeff.body).toMatchObject({
      sector: 'other',
      type: 'Person',
      description: 'Co-Founder and CEO, always\nup for learning',
      tags: ['Founder', 'Male', 'Runner'],
      attributes: { Organization: 'Kumu', 'Net worth': 1_000_000 },
    });
    // A column that names a Samspil field fills it: Kumu's Sector.
    expect(result.plan.writes.creates.find((c) => c.body.name === 'Kumu')!.body.sector).toBe(
      'business',
    );
    // Label + Type tells the two Pipelines apart; the same label without a type is one element.
    expect(byName(result, 'Pipeline')).toHaveLength(2);
    const waimea = result.plan.writes.creates.filter((c) => c.body.name === 'Waimea Bay');
    expect(waimea).toHaveLength(1);
    expect(waimea[0]!.body.description).toBe('second, further down');
    expect(result.plan.problems.some((p) => p.code === 'merged_row')).toBe(true);
    // The forum from the second section, with its custom field.
    expect(result.plan.writes.creates.find((c) => c.body.name === 'Styregruppen')).toMatchObject({
      collection: 'forums',
      body: { kind: 'network', attributes: { Website: 'https://example.org/styregruppe' } },
    });
  });

  it('makes connections: by ID, to labels without element rows, with pipes and kept fields', async () => {
    const result = await plan(await kumuWorkbook(), 'kumu.xlsx');
    const created = result.plan.writes.creates;
    const id = (name: string) => created.find((c) => c.body.name === name)!.id;
    const facts = created.filter((c) => ['collaborations', 'memberships'].includes(c.collection));
    // conn-1 names its ends by element ID; Label, Strength and the date column are kept.
    expect(facts).toContainEqual(
      expect.objectContaining({
        collection: 'collaborations',
        body: expect.objectContaining({
          actorAId: id('Jeff Mohr'),
          actorBId: id('Kumu'),
          kind: 'informal',
          strength: 3,
          attributes: { Label: 'CEO', Since: '2011-01-01' },
        }),
      }),
    );
    // Barack and Michelle have no element rows: Kumu makes them, and so does the import.
    expect(
      created.filter((c) => ['Barack', 'Michelle'].includes(String(c.body.name))),
    ).toHaveLength(2);
    expect(result.plan.problems.filter((p) => p.code === 'implicit_element')).toHaveLength(2);
    // A strength that is no 1–3 is kept as a custom field.
    expect(facts.find((c) => c.body.actorAId === id('Barack'))!.body.attributes).toEqual({
      Strength: 'Strong',
    });
    // "Barack|Waimea Bay" in To: one connection per element.
    const fromJeff = facts.filter((c) => c.body.actorAId === id('Jeff Mohr') && !c.body.strength);
    expect(fromJeff.map((c) => c.body.actorBId).sort()).toEqual(
      [id('Barack'), id('Waimea Bay')].sort(),
    );
    expect(facts).toContainEqual(
      expect.objectContaining({
        collection: 'memberships',
        body: expect.objectContaining({
          actorId: id('Jeff Mohr'),
          forumId: id('Styregruppen'),
          role: 'member',
        }),
      }),
    );
    // Pipeline Head high + Pipeline Double overhead + … : nothing refused.
    expect(result.plan.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('applies a mapping: Project becomes an initiative, Funding a funder commitment', async () => {
    const result = await plan(await kumuWorkbook(), 'kumu.xlsx', {
      elements: { Project: { kind: 'initiative', values: { status: 'planned' } } },
      connections: {
        Funding: { kind: 'commitment', values: { role: 'funder', status: 'agreed' } },
      },
    });
    const initiative = result.plan.writes.creates.find((c) => c.body.title === 'Byfornyelse')!;
    expect(initiative).toMatchObject({ collection: 'initiatives', body: { status: 'planned' } });
    expect(result.plan.writes.creates).toContainEqual(
      expect.objectContaining({
        collection: 'commitments',
        body: expect.objectContaining({
          initiativeId: initiative.id,
          role: 'funder',
          status: 'agreed',
        }),
      }),
    );
    const project = result.set.mapping!.elements.find((e) => e.type === 'Project')!;
    expect(project.guessed).toBe(false);
  });

  it('refuses a connection whose ends do not fit the kind it is mapped to', async () => {
    const result = await plan(await kumuWorkbook(), 'kumu.xlsx', {
      connections: { Member: { kind: 'stance', values: { position: 'supports' } } },
    });
    expect(result.plan.problems).toContainEqual(
      expect.objectContaining({ code: 'wrong_end', sheet: 'Connections', row: 6, level: 'error' }),
    );
    expect(result.plan.writes.creates).toEqual([]);
  });

  it('guesses kinds from type names in both languages', () => {
    expect(guessElement('Indsats').kind).toBe('initiative');
    expect(guessElement('Plans').kind).toBe('plan');
    expect(guessElement('Housing')).toEqual({ kind: 'actor', values: { sector: 'housing' } });
    expect(guessElement('Steering group')).toEqual({
      kind: 'forum',
      values: { kind: 'steering_group' },
    });
    expect(guessConnection('funder')).toEqual({
      kind: 'commitment',
      values: { role: 'funder', status: 'agreed' },
    });
    expect(guessConnection('Opposes')).toEqual({ kind: 'stance', values: { position: 'opposes' } });
    expect(guessConnection('Tilsagn').kind).toBe('commitment');
    expect(guessConnection('knows')).toEqual({
      kind: 'collaboration',
      values: { kind: 'informal' },
    });
  });
});

describe('Kumu blueprints', () => {
  const json = (value: object) => new TextEncoder().encode(JSON.stringify(value));

  it('reads the short form: labels, types, tags, custom keys, ids and direction', async () => {
    const result = await plan(json(shortBlueprint), 'map.json', undefined, true);
    expect(result.set.source).toBe('kumu');
    const created = result.plan.writes.creates;
    expect(created.find((c) => c.body.name === 'A')!.body).toMatchObject({
      type: 'Letter',
      description: 'This is A',
      tags: ['one', 'two'],
    });
    expect(created.find((c) => c.body.name === 'B')!.body.attributes).toEqual({
      'Favorite Dessert': 'shave ice',
    });
    // Two elements with the same label, told apart by id; the connection uses the ids.
    const twins = created.filter((c) => c.body.name === 'Twin');
    expect(twins).toHaveLength(2);
    const twinFact = created.find(
      (c) => c.collection === 'collaborations' && twins.some((t) => t.id === c.body.actorAId),
    )!;
    expect([twinFact.body.actorAId, twinFact.body.actorBId].sort()).toEqual(
      twins.map((t) => t.id).sort(),
    );
    // A–B "likes" and A–B untyped are both informal collaborations: the second duplicates the first.
    expect(result.plan.problems).toContainEqual(
      expect.objectContaining({ code: 'duplicate_fact', sheet: 'connections', row: 2 }),
    );
  });

  it('reads the project export form: _id and fields under attributes', async () => {
    const result = await plan(json(exportedBlueprint), 'project.json');
    const created = result.plan.writes.creates;
    expect(created.find((c) => c.body.name === 'Kommunen')!.body).toMatchObject({
      sector: 'other',
      type: 'Municipality',
      tags: ['public'],
      attributes: { budget: 12 },
    });
    const initiative = created.find((c) => c.body.title === 'Helhedsplan')!;
    expect(initiative.collection).toBe('initiatives');
    expect(created).toContainEqual(
      expect.objectContaining({
        collection: 'commitments',
        body: expect.objectContaining({
          initiativeId: initiative.id,
          role: 'owner',
          attributes: { label: 'leads' },
        }),
      }),
    );
    expect(result.plan.problems.filter((p) => p.level === 'error')).toEqual([]);
  });
});
