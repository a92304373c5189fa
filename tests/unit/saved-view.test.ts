import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { TABLE_MODELS } from '../../api/src/interchange/columns.ts';
import { fromProperties, toProperties } from '../../api/src/repositories/storage.ts';
import {
  AreaModel,
  InitiativeModel,
  deriveSchemas,
  FACT_MODELS,
  inEveryFile,
  json,
  NODE_MODELS,
  required,
  ViewModel,
} from '../../graph-schema/index.ts';
import {
  renameViewStateIds,
  viewStateFromParams,
  viewStateToParams,
  type ViewState,
} from '../../graph-schema/view-state.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);

describe('a json field', () => {
  const Shape = Type.Object({ n: Type.Integer() }, { additionalProperties: false });
  const fields = { shape: required(json(Shape)), extra: json(Shape) };
  const schemas = deriveSchemas('Thing', fields);

  it('is kept as one JSON text property, given back whole, and a null removes it', () => {
    const stored = toProperties(fields, { shape: { n: 3 }, extra: null });
    expect(stored).toEqual({ shape: '{"n":3}', extra: null });
    const back = fromProperties(fields, {
      id: 'x',
      mapId: 'm',
      version: 1,
      createdAt: 't',
      updatedAt: 't',
      shape: stored.shape,
    });
    expect(back.shape).toEqual({ n: 3 });
    // Unset and without a default it reads back as null, not as the last value read.
    expect(back.extra).toBeNull();
    expect(toProperties(fields, { extra: { n: 1 } })).toEqual({ extra: '{"n":1}' });
  });

  it('is validated by its schema: required on create, never null when required', () => {
    const create = ajv.compile(schemas.create);
    const patch = ajv.compile(schemas.patch);
    expect(create({ shape: { n: 1 } })).toBe(true);
    expect(create({})).toBe(false);
    expect(create({ shape: { n: 'one' } })).toBe(false);
    expect(create({ shape: { n: 1, m: 2 } })).toBe(false);
    expect(create({ shape: { n: 1 }, extra: null })).toBe(true);
    expect(patch({ shape: null })).toBe(false);
    expect(patch({ extra: null })).toBe(true);
  });

  it('is no form field and no spreadsheet column', () => {
    expect(fields.shape.widget).toBe('none');
    expect(fields.shape.storage).toBe('json');
  });
});

describe('the saved view declaration', () => {
  it('trims the name it stores, as every name and title, and keeps its state as JSON', () => {
    expect(
      toProperties(ViewModel.fields, { name: '  Boligsektoren \n', state: { gaps: true } }),
    ).toEqual({ name: 'Boligsektoren', state: '{"gaps":true}' });
    expect(toProperties(AreaModel.fields, { name: ' Vest ' })).toEqual({ name: 'Vest' });
    expect(toProperties(InitiativeModel.fields, { title: 'Kvarterhus\t' })).toMatchObject({
      title: 'Kvarterhus',
    });
  });

  it('is carried by the backup alone: no sheet, no network file, no Kumu type', () => {
    expect(inEveryFile(ViewModel)).toBe(false);
    expect(NODE_MODELS.filter((model) => !inEveryFile(model))).toEqual([ViewModel]);
    expect(TABLE_MODELS).not.toContain(ViewModel);
    expect(TABLE_MODELS).toHaveLength(NODE_MODELS.length - 1 + FACT_MODELS.length);
  });

  it('takes every state a URL can hold, and only those', () => {
    const create = ajv.compile(ViewModel.schemas.create);
    const params = new URLSearchParams(
      'select=b&sector=housing,municipal&status=active&area=x&plan=p&goal=g&show=plans,forums' +
        '&focus=a&pick=a,b&asOf=2019-06-01&size=betweenness&gaps=1&depth=2',
    );
    const state: ViewState = { view: 'grid', ...viewStateFromParams(params) };
    expect(create({ name: 'Alt', state })).toBe(true);
    expect(viewStateToParams(state).toString()).toBe(params.toString());
    expect(create({ name: 'Alt', state: { ...state, zoom: 2 } })).toBe(false);
    expect(create({ name: 'Alt', state: { asOf: '2019-02-30' } })).toBe(false);
  });
});

describe('renaming the ids of a view state', () => {
  const rename = (map: Record<string, string>) => (id: string) => map[id] ?? null;

  it('renames every id it names, and leaves the rest of the state as it is', () => {
    const state: ViewState = {
      view: 'backing',
      sectors: ['housing'],
      areas: ['a1'],
      plans: ['p1'],
      goals: ['g1'],
      focus: ['x1'],
      depth: 2,
      picked: ['x1', 'x2'],
      select: 'c1',
      asOf: '2020-01-01',
      gaps: true,
    };
    const ids = { a1: 'A', p1: 'P', g1: 'G', x1: 'X', x2: 'Y', c1: 'C' };
    expect(renameViewStateIds(state, rename(ids))).toEqual({
      ...state,
      areas: ['A'],
      plans: ['P'],
      goals: ['G'],
      focus: ['X'],
      picked: ['X', 'Y'],
      select: 'C',
    });
    // The state given is not changed.
    expect(state.picked).toEqual(['x1', 'x2']);
  });

  it('leaves out what names nothing: a focus on nothing is no focus, and has no depth', () => {
    expect(
      renameViewStateIds(
        { focus: ['gone'], depth: 2, picked: ['x', 'gone'], select: 'gone', plans: ['gone'] },
        rename({ x: 'X' }),
      ),
    ).toEqual({ picked: ['X'] });
    // Two ids that become one are one pick.
    expect(renameViewStateIds({ picked: ['a', 'b'] }, rename({ a: 'X', b: 'X' }))).toEqual({
      picked: ['X'],
    });
  });

  it('changes nothing in a state that names no entity', () => {
    const state: ViewState = { sectors: ['culture'], depth: 2, show: [] };
    expect(renameViewStateIds(state, () => null)).toEqual(state);
  });
});
