import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, ID_PATTERN, StringEnum } from './common.ts';
import { SECTORS, STATUSES } from './enums.ts';

/**
 * What someone is looking at on a map: the view, the filters, the date, the focus and the picked
 * parties. The web app keeps it in the URL, so that a reload keeps it and a link reproduces it,
 * and a saved view (`/maps/:mapId/views`) stores it under a name. Every part is optional: what
 * is left out is the default (no filter, today, no focus).
 */

export const MAP_VIEWS = ['map', 'backing', 'grid', 'list', 'meeting'] as const;
export type MapView = (typeof MAP_VIEWS)[number];

/** Kinds the map hides unless switched on (plans are shown unless switched off). */
export const SHOWN_KINDS = ['plans', 'goals', 'areas', 'forums'] as const;
export type ShownKind = (typeof SHOWN_KINDS)[number];

export const SIZE_BY = ['influence', 'betweenness'] as const;

const ids = Type.Array(IdSchema, { maxItems: 200, uniqueItems: true });

export const ViewStateSchema = Type.Object(
  {
    view: Type.Optional(StringEnum(MAP_VIEWS, 'Which view of the map')),
    sectors: Type.Optional(Type.Array(StringEnum(SECTORS), { uniqueItems: true })),
    statuses: Type.Optional(Type.Array(StringEnum(STATUSES), { uniqueItems: true })),
    areas: Type.Optional(ids),
    plans: Type.Optional(ids),
    goals: Type.Optional(ids),
    /** The kinds shown besides actors and initiatives; unset: plans only. */
    show: Type.Optional(Type.Array(StringEnum(SHOWN_KINDS), { uniqueItems: true })),
    sizeBy: Type.Optional(StringEnum(SIZE_BY)),
    /** The gap overlay on the map. */
    gaps: Type.Optional(Type.Boolean()),
    asOf: Type.Optional(DateSchema),
    /** Nodes in focus: one with its neighbours `depth` steps out, or several. */
    focus: Type.Optional(ids),
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
    /** The picked parties (actors). */
    picked: Type.Optional(ids),
    /** The element whose details are open. */
    select: Type.Optional(IdSchema),
  },
  { additionalProperties: false, title: 'ViewState' },
);
export type ViewState = Static<typeof ViewStateSchema>;

const LIST_PARAMS = {
  sectors: 'sector',
  statuses: 'status',
  areas: 'area',
  plans: 'plan',
  goals: 'goal',
  show: 'show',
  focus: 'focus',
  picked: 'pick',
} as const;

const idPattern = new RegExp(ID_PATTERN);
/** A real calendar day: `Date.parse` alone takes 30 February for 2 March. */
const isDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

const allowed: Record<keyof typeof LIST_PARAMS, (value: string) => boolean> = {
  sectors: (value) => (SECTORS as readonly string[]).includes(value),
  statuses: (value) => (STATUSES as readonly string[]).includes(value),
  areas: (value) => idPattern.test(value),
  plans: (value) => idPattern.test(value),
  goals: (value) => idPattern.test(value),
  show: (value) => (SHOWN_KINDS as readonly string[]).includes(value),
  focus: (value) => idPattern.test(value),
  picked: (value) => idPattern.test(value),
};

/**
 * A view state from URL parameters (`sector=housing,municipal&asOf=2019-06-01&pick=a,b`). What
 * is not understood is left out, so an edited or outdated link still opens the map.
 */
export function viewStateFromParams(params: URLSearchParams): ViewState {
  const state: ViewState = {};
  for (const [key, param] of Object.entries(LIST_PARAMS) as [keyof typeof LIST_PARAMS, string][]) {
    const raw = params.get(param);
    if (raw === null) continue;
    const values = [
      ...new Set(raw.split(',').filter((value) => value !== '' && allowed[key](value))),
    ];
    if (key === 'show' || values.length) (state as Record<string, string[]>)[key] = values;
  }
  const asOf = params.get('asOf');
  if (asOf && isDate(asOf)) state.asOf = asOf;
  const size = params.get('size');
  if (size === 'betweenness') state.sizeBy = 'betweenness';
  if (params.get('gaps') === '1') state.gaps = true;
  const depth = params.get('depth');
  if (depth === '2') state.depth = 2;
  const select = params.get('select');
  if (select && idPattern.test(select)) state.select = select;
  return state;
}

/** URL parameters of a view state, defaults left out, in a fixed order. */
export function viewStateToParams(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.select) params.set('select', state.select);
  for (const [key, param] of Object.entries(LIST_PARAMS) as [keyof typeof LIST_PARAMS, string][]) {
    const values = state[key];
    if (values === undefined) continue;
    if (key === 'show' || values.length) params.set(param, values.join(','));
  }
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.sizeBy === 'betweenness') params.set('size', 'betweenness');
  if (state.gaps) params.set('gaps', '1');
  if (state.depth === 2) params.set('depth', '2');
  return params;
}

const ID_LISTS = ['areas', 'plans', 'goals', 'focus', 'picked'] as const;

/**
 * The state with every id it names passed through `rename`: an id it answers null for is left
 * out (a focus on nothing is no focus). A map restored from a backup gets new ids, and its saved
 * views are made to name them.
 */
export function renameViewStateIds(
  state: ViewState,
  rename: (id: string) => string | null,
): ViewState {
  const out: ViewState = { ...state };
  for (const key of ID_LISTS) {
    const ids = state[key];
    if (ids === undefined) continue;
    const renamed = [...new Set(ids.map(rename).filter((id): id is string => id !== null))];
    if (renamed.length) out[key] = renamed;
    else delete out[key];
  }
  if (state.focus && !out.focus) delete out.depth;
  if (state.select !== undefined) {
    const select = rename(state.select);
    if (select === null) delete out.select;
    else out.select = select;
  }
  return out;
}
