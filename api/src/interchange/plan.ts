import type {
  EntityCreate,
  EntityUpdate,
  FactModel,
  Field,
  ImportWrites,
  Label,
  NodeModel,
} from '../../../graph-schema/index.ts';
import { ATTRIBUTE_LIMITS, inEveryFile } from '../../../graph-schema/index.ts';
import { ALL_MODELS, columnsOf, isFactModel, normaliseHeader, type AnyModel } from './columns.ts';
import { ANY_TARGET, type ImportRow, type ImportSet, type Ref } from './import-set.ts';
import type { RawProblem } from './messages.ts';
import { validateCreate, validateField } from './validate.ts';

/**
 * Holds what a file says against the map as it is, and decides what to write: which rows create,
 * which change an entity or fact and which leave it as it is, with every problem found on the
 * way. The same rules as the API's writes apply: references exist in the map or the file, links
 * close no cycle, dates are in order, and a fact that would duplicate another is refused. Pure:
 * the repository calls this inside the write transaction, on the map it has locked.
 */

export type Entity = Record<string, unknown> & { id: string; version: number };
/** The map's entities and facts in the API's shape, by collection. */
export type Content = Record<string, Entity[] | undefined>;

export interface PlanOptions {
  /** Makes the id of a new entity (a ULID in the app, a counter in tests). */
  newId: () => string;
  /** A withdrawn commitment without an end date ends today, as the API does it. */
  today: string;
  /** Write the valid rows and report the rest, instead of writing nothing. */
  skipInvalid: boolean;
}

export type Action = 'create' | 'update' | 'unchanged' | 'invalid' | 'merged';

export interface RowOutcome {
  row: ImportRow;
  action: Action;
  id: string | null;
  /** The fields an update changes. */
  fields: string[];
  name: string;
}

export interface Plan {
  writes: ImportWrites;
  outcomes: RowOutcome[];
  problems: RawProblem[];
}

interface Handle {
  id: string;
  model: NodeModel;
  existing: Entity | null;
  row: ImportRow | null;
}

interface RowState {
  row: ImportRow;
  handle: Handle | null;
  /** The fact's matched fact, or the node's (via its handle). */
  existing: Entity | null;
  body: Record<string, unknown>;
  full: Record<string, unknown>;
  patch: Record<string, unknown>;
  /** New nodes the row refers to: if one of them is not written, neither is this row. */
  needs: Set<Handle>;
  merged?: boolean;
  /** The row could not be matched to one entity (ambiguous, another kind, a second row). */
  unmatched?: boolean;
}

const norm = (value: unknown) =>
  typeof value === 'string'
    ? normaliseHeader(value)
    : value === null || value === undefined
      ? ''
      : String(value);

const isError = (problem: RawProblem) => problem.level === 'error';
const hasErrors = (row: ImportRow) => row.problems.some(isError);

const META = new Set(['id', 'mapId', 'version', 'createdAt', 'updatedAt']);

/** An entity's fields as a create body (what the create schema checks). */
function bodyOf(model: AnyModel, entity: Entity): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entity).filter(([key]) => !META.has(key) && key in model.fields),
  );
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined && inner !== null)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Whether a field's new value is what is stored, by the field's storage. */
function same(field: Field, next: unknown, stored: unknown): boolean {
  switch (field.storage) {
    case 'string':
      return (
        (typeof next === 'string' ? next.trim() : (next ?? '')) ===
        (typeof stored === 'string' ? stored.trim() : (stored ?? ''))
      );
    case 'stringList':
      return canonical(next ?? []) === canonical(stored ?? []);
    case 'json':
      return canonical(next ?? {}) === canonical(stored ?? {});
    case 'link':
      if (field.link?.many) {
        const sort = (list: unknown) =>
          canonical([...((list as unknown[]) ?? [])].map(canonical).sort());
        return sort(next) === sort(stored);
      }
      return (next ?? null) === (stored ?? null);
    default:
      return canonical(next) === canonical(stored);
  }
}

/** Two validity periods overlap; a withdrawn commitment without an end date is never valid. */
function overlaps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const never = (x: Record<string, unknown>) => x.status === 'withdrawn' && !x.to;
  if (never(a) || never(b)) return false;
  const aFrom = a.from as string | null | undefined;
  const aTo = a.to as string | null | undefined;
  const bFrom = b.from as string | null | undefined;
  const bTo = b.to as string | null | undefined;
  return (!aFrom || !bTo || aFrom <= bTo) && (!aTo || !bFrom || bFrom <= aTo);
}

/** Appends to the list under `key` (copying lists would make big imports quadratic). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A fact's kind and ends as one key; an undirected fact's ends in either order. */
function endsKey(model: FactModel, from: unknown, to: unknown): string {
  const ends = [String(from), String(to)];
  if (model.undirected) ends.sort();
  return `${model.kind}\u0000${ends.join('\u0000')}`;
}

export function planImport(set: ImportSet, content: Content, options: PlanOptions): Plan {
  return new Planner(set, content, options).run();
}

class Planner {
  private readonly nodeModels = ALL_MODELS.filter((m): m is NodeModel => !isFactModel(m));
  /** The kinds a Kumu element or a connection's end may be: not a saved view. */
  private readonly networkModels = this.nodeModels.filter(inEveryFile);
  private readonly existingNodes = new Map<string, { model: NodeModel; entity: Entity }>();
  private readonly existingFacts = new Map<string, { model: FactModel; entity: Entity }>();
  private readonly namesByModel = new Map<string, Map<string, Entity[]>>();
  /** Stored facts by kind and ends (unordered for undirected kinds). */
  private readonly factsByEnds = new Map<string, Entity[]>();
  /** File keys (the ID column) and map ids, each to its handle once a row has one. */
  private readonly byKey = new Map<string, Handle>();
  private readonly byExistingId = new Map<string, Handle>();
  private readonly fileNames = new Map<string, Map<string, Handle[]>>();
  private readonly states: RowState[] = [];
  private readonly warnings: RawProblem[] = [];
  /** The ID column of every fact row, for ids inside a saved view (see `renamedIn`). */
  private readonly factKeys = new Set<string>();
  /** Ids chosen early for new facts whose key a saved view names, by the fact row's key. */
  private readonly reservedFactIds = new Map<string, string>();

  constructor(
    private readonly set: ImportSet,
    content: Content,
    private readonly options: PlanOptions,
  ) {
    for (const model of ALL_MODELS) {
      for (const entity of content[model.collection] ?? []) {
        if (isFactModel(model)) {
          this.existingFacts.set(entity.id, { model, entity });
          const toField = model.to.find((field) => entity[field]);
          push(this.factsByEnds, endsKey(model, entity[model.from], entity[toField ?? '']), entity);
          continue;
        }
        this.existingNodes.set(entity.id, { model, entity });
        const names = this.namesByModel.get(model.kind) ?? new Map<string, Entity[]>();
        const key = norm(entity[model.nameField]);
        push(names, key, entity);
        this.namesByModel.set(model.kind, names);
      }
    }
  }

  run(): Plan {
    const rows = this.set.rows;
    const nodeRows = rows.filter((row) => !isFactModel(row.model));
    const factRows = rows.filter((row) => isFactModel(row.model));
    for (const row of factRows) if (row.key) this.factKeys.add(row.key);
    this.matchNodes(nodeRows.filter((row) => !row.implicit));
    this.placeImplicit(nodeRows.filter((row) => row.implicit));
    for (const state of this.states) this.buildNode(state);
    this.checkCycles();
    for (const row of factRows) this.buildFact(row);
    this.settle();
    this.checkDuplicates();
    this.settle();
    return this.result();
  }

  /* Problems. */

  private problem(
    row: ImportRow,
    field: string | null,
    code: string,
    params?: Record<string, string | number>,
    value?: unknown,
    level: 'error' | 'warning' = 'error',
  ) {
    const column = field === null ? null : (row.columns[field] ?? this.headerOf(row.model, field));
    row.problems.push({ sheet: row.sheet, row: row.row, column, value, code, params, level });
  }

  private headerOf(model: AnyModel, field: string): string | null {
    const [base] = field.split('.');
    return columnsOf(model).find((column) => column.field === base)?.header.en ?? field;
  }

  /* Nodes: which entity each row describes. */

  private existingHandle(id: string): Handle | null {
    const found = this.byExistingId.get(id);
    if (found) return found;
    const existing = this.existingNodes.get(id);
    if (!existing) return null;
    const handle: Handle = { id, model: existing.model, existing: existing.entity, row: null };
    this.byExistingId.set(id, handle);
    return handle;
  }

  private matchNode(row: ImportRow): Entity | null | 'error' {
    const model = row.model as NodeModel;
    // An ID the map does not know is the file's own key; the row then matches by name.
    const existing = row.key ? this.existingNodes.get(row.key) : undefined;
    if (existing) {
      if (existing.model !== model) {
        this.problem(
          row,
          null,
          'id_of_other_kind',
          { id: row.key!, kind: existing.model.kind },
          row.key,
        );
        row.problems[row.problems.length - 1]!.column = 'ID';
        return 'error';
      }
      return existing.entity;
    }
    const name = row.values[model.nameField];
    if (typeof name !== 'string') return null;
    const candidates = this.namesByModel.get(model.kind)?.get(norm(name)) ?? [];
    const type = row.values.type;
    if ('type' in model.fields && typeof type === 'string' && candidates.length > 1) {
      const narrowed = candidates.filter((entity) => norm(entity.type) === norm(type));
      if (narrowed.length === 1) return narrowed[0]!;
    }
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length > 1) {
      this.problem(
        row,
        model.nameField,
        'ambiguous_match',
        { count: candidates.length, kind: model.kind, name },
        name,
      );
      return 'error';
    }
    if (this.set.source === 'kumu') {
      const other = this.networkModels.find(
        (m) => m !== model && (this.namesByModel.get(m.kind)?.get(norm(name))?.length ?? 0) > 0,
      );
      if (other) {
        this.problem(
          row,
          model.nameField,
          'new_kind',
          { name, existing: other.kind, kind: model.kind },
          name,
          'warning',
        );
      }
    }
    return null;
  }

  private register(handle: Handle): void {
    const row = handle.row;
    if (row?.key) this.byKey.set(row.key, handle);
    if (handle.existing) this.byExistingId.set(handle.id, handle);
    const name = norm(
      row?.values[handle.model.nameField] ?? handle.existing?.[handle.model.nameField],
    );
    if (!name) return;
    const names = this.fileNames.get(handle.model.kind) ?? new Map<string, Handle[]>();
    push(names, name, handle);
    this.fileNames.set(handle.model.kind, names);
  }

  private matchNodes(rows: ImportRow[]): void {
    const seen = new Map<string, RowState>();
    for (const row of rows) {
      const model = row.model as NodeModel;
      const match = this.matchNode(row);
      if (match === 'error') {
        this.states.push({
          unmatched: true,
          row,
          handle: null,
          existing: null,
          body: {},
          full: {},
          patch: {},
          needs: new Set(),
        });
        continue;
      }
      const identity = match
        ? `id:${match.id}`
        : row.key
          ? `key:${row.key}`
          : `name:${model.kind}:${norm(row.values[model.nameField])}:${norm(row.values.type)}`;
      const state: RowState = {
        row,
        handle: null,
        existing: match,
        body: {},
        full: {},
        patch: {},
        needs: new Set(),
      };
      const earlier = seen.get(identity);
      if (earlier) {
        if (row.mergeDuplicates) {
          earlier.merged = true;
          this.problem(
            earlier.row,
            null,
            'merged_row',
            { other: row.row ?? '' },
            undefined,
            'warning',
          );
        } else {
          this.problem(row, match || row.key ? null : model.nameField, 'duplicate_row', {
            kind: model.kind,
            other: earlier.row.row ?? '',
          });
          this.states.push({ ...state, unmatched: true });
          continue;
        }
      }
      seen.set(identity, state);
      this.states.push(state);
    }
    for (const state of this.states) {
      if (state.merged || state.unmatched) continue;
      state.handle = {
        id: state.existing?.id ?? this.options.newId(),
        model: state.row.model as NodeModel,
        existing: state.existing,
        row: state.row,
      };
      this.register(state.handle);
    }
  }

  /** Kumu elements made for a connection's end: a map entity of that name, else a new element. */
  private placeImplicit(rows: ImportRow[]): void {
    for (const row of rows) {
      const model = row.model as NodeModel;
      const text = row.values[model.nameField] as string;
      const byId = this.existingHandle(text);
      if (byId) {
        this.byKey.set(text, byId);
        continue;
      }
      const found = this.networkModels.flatMap(
        (m) => this.namesByModel.get(m.kind)?.get(norm(text)) ?? [],
      );
      const pick =
        found.length === 1
          ? found[0]
          : found.find((entity) => this.existingNodes.get(entity.id)!.model === model);
      if (pick) {
        this.byKey.set(text, this.existingHandle(pick.id)!);
        continue;
      }
      this.problem(
        row,
        model.nameField,
        'implicit_element',
        { name: text, kind: model.kind },
        text,
        'warning',
      );
      const state: RowState = {
        row,
        handle: null,
        existing: null,
        body: {},
        full: {},
        patch: {},
        needs: new Set(),
      };
      state.handle = { id: this.options.newId(), model, existing: null, row };
      this.byKey.set(text, state.handle);
      this.register(state.handle);
      this.states.push(state);
    }
  }

  /* References. */

  private names(handle: Handle): Set<string> {
    const field = handle.model.nameField;
    return new Set(
      [norm(handle.row?.values[field]), norm(handle.existing?.[field])].filter(Boolean),
    );
  }

  private byName(name: string, accepts: (model: NodeModel) => boolean): Handle[] {
    const found = new Map<string, Handle>();
    for (const model of this.nodeModels) {
      if (!accepts(model)) continue;
      for (const handle of this.fileNames.get(model.kind)?.get(norm(name)) ?? [])
        found.set(handle.id, handle);
      for (const entity of this.namesByModel.get(model.kind)?.get(norm(name)) ?? []) {
        const handle = this.existingHandle(entity.id)!;
        found.set(handle.id, handle);
      }
    }
    return [...found.values()];
  }

  private lookupKey(key: string): Handle | null {
    return this.byKey.get(key) ?? this.existingHandle(key);
  }

  /**
   * The node a reference names, among the models `labels` allows: by id (a row's ID in the file,
   * then an id in the map), by name, or both. When a row gives both and they disagree, the name
   * wins if it names an entity, and the id otherwise.
   */
  resolve(
    row: ImportRow,
    field: string,
    ref: Ref,
    labels: readonly Label[],
    kinds: string,
  ): Handle | null {
    const accepts = (model: NodeModel) => labels.includes(model.label);
    const fromName = (name: string, quiet = false): Handle | null => {
      const found = this.byName(name, accepts);
      if (found.length === 1) return found[0]!;
      if (quiet) return null;
      if (found.length > 1)
        this.problem(row, field, 'ambiguous_reference', { count: found.length, name }, name);
      else this.problem(row, field, 'unknown_reference', { kind: kinds, name }, name);
      return null;
    };
    if (ref.either !== undefined) {
      const handle = this.lookupKey(ref.either);
      if (handle && accepts(handle.model)) return handle;
      return fromName(ref.either);
    }
    if (ref.id !== undefined) {
      const handle = this.lookupKey(ref.id);
      if (handle && accepts(handle.model)) {
        if (ref.name === undefined || this.names(handle).has(norm(ref.name))) return handle;
        return fromName(ref.name, true) ?? handle;
      }
      if (ref.name !== undefined) return fromName(ref.name);
      this.problem(row, field, 'unknown_reference', { kind: kinds, name: ref.id }, ref.id);
      return null;
    }
    return ref.name === undefined ? null : fromName(ref.name);
  }

  private kindsOf(labels: readonly Label[]): string {
    return this.nodeModels
      .filter((m) => labels.includes(m.label))
      .map((m) => m.kind)
      .join('|');
  }

  /* Bodies. */

  /**
   * A value that names entities by id inside it (a saved view's state), naming them as this
   * import leaves them: a row's key becomes the id its entity gets, a map id stays, and an id
   * that names nothing in the file or the map is left out. A value its schema refuses is left
   * as it is, for the check to report.
   */
  private renamedIn(model: AnyModel, name: string, value: unknown): unknown {
    const field = model.fields[name]!;
    if (!field.renameIds || validateField(model, name, value) !== null) return value;
    return field.renameIds(value as never, (id) => {
      const node = this.lookupKey(id);
      if (node) return node.id;
      if (this.existingFacts.has(id)) return id;
      if (!this.factKeys.has(id)) return null;
      const reserved = this.reservedFactIds.get(id) ?? this.options.newId();
      this.reservedFactIds.set(id, reserved);
      return reserved;
    });
  }

  private attributes(state: RowState): void {
    const { row } = state;
    if (!row.attributes || !('attributes' in row.model.fields)) return;
    const stored = (state.existing?.attributes ?? {}) as Record<string, string | number>;
    const next: Record<string, string | number> = row.attributes.replace ? {} : { ...stored };
    for (const [key, value] of Object.entries(row.attributes.values)) {
      if (value === null || value === undefined) {
        delete next[key];
        continue;
      }
      if (typeof value === 'string' && value.length > ATTRIBUTE_LIMITS.textLength) {
        this.problem(
          row,
          null,
          'attribute_too_long',
          { limit: ATTRIBUTE_LIMITS.textLength },
          value,
          'warning',
        );
        row.problems[row.problems.length - 1]!.column = key;
        continue;
      }
      next[key] = value;
    }
    const keys = Object.keys(next);
    if (keys.length > ATTRIBUTE_LIMITS.keys) {
      this.problem(
        row,
        null,
        'too_many_attributes',
        { limit: ATTRIBUTE_LIMITS.keys },
        undefined,
        'warning',
      );
      for (const key of keys.slice(ATTRIBUTE_LIMITS.keys)) delete next[key];
    }
    state.body.attributes = next;
  }

  /** A lenient Kumu link that did not resolve becomes a custom field instead. */
  private keepAsCustom(state: RowState, field: string): boolean {
    const lenient = state.row.lenient?.[field];
    if (!lenient) return false;
    const problems = state.row.problems;
    const before = problems.length;
    // Drop the reference errors just added for this field; keep the value as a custom field.
    const column = state.row.columns[field];
    for (let i = problems.length - 1; i >= 0; i--) {
      if (problems[i]!.column === column && isError(problems[i]!)) problems.splice(i, 1);
    }
    if (problems.length === before) return false;
    this.problem(
      state.row,
      field,
      'kept_as_custom',
      { reason: 'unknown_reference' },
      lenient.value,
      'warning',
    );
    state.row.attributes ??= { replace: false, values: {} };
    state.row.attributes.values[lenient.column] = lenient.value;
    return true;
  }

  private links(state: RowState): void {
    const { row } = state;
    for (const [field, refs] of Object.entries(row.refs)) {
      const spec = row.model.fields[field];
      if (!spec?.link) continue;
      const { many, targets } = spec.link;
      if (refs === null) {
        state.body[field] = many ? [] : null;
        continue;
      }
      const kinds = this.kindsOf(targets);
      const handles = refs.map((ref) => this.resolve(row, field, ref, targets, kinds));
      if (handles.some((handle) => handle === null)) {
        this.keepAsCustom(state, field);
        continue;
      }
      for (const handle of handles) if (handle && !handle.existing) state.needs.add(handle);
      const ids = [...new Set(handles.map((handle) => handle!.id))];
      if (!many && ids.length > 1) {
        this.problem(row, field, 'too_many', { limit: 1 });
        continue;
      }
      state.body[field] = many ? ids.sort() : (ids[0] ?? null);
    }
    for (const [field, objects] of Object.entries(row.objects)) {
      const spec = row.model.fields[field];
      if (!spec?.link?.key) continue;
      if (objects === null) {
        state.body[field] = [];
        continue;
      }
      const kinds = this.kindsOf(spec.link.targets);
      const items: Record<string, unknown>[] = [];
      for (const { ref, props } of objects) {
        const handle = this.resolve(row, field, ref, spec.link.targets, kinds);
        if (!handle) continue;
        if (!handle.existing) state.needs.add(handle);
        items.push({ ...props, [spec.link.key]: handle.id });
      }
      state.body[field] = items;
    }
  }

  private check(state: RowState): void {
    const { row } = state;
    const model = row.model;
    for (const finding of validateCreate(model, state.full)) {
      const storage = model.fields[finding.field]?.storage;
      const whole = state.full[finding.field];
      const value =
        finding.part && whole && typeof whole === 'object' && !Array.isArray(whole)
          ? (whole as Record<string, unknown>)[finding.part]
          : whole;
      const column =
        storage === 'json' && finding.part
          ? finding.part
          : (row.columns[`${finding.field}.${finding.part ?? ''}`] ??
            row.columns[finding.field] ??
            this.headerOf(model, finding.field));
      // A cell the reader could not read is reported once, not again as missing.
      if (row.problems.some((problem) => isError(problem) && problem.column === column)) continue;
      row.problems.push({
        sheet: row.sheet,
        row: row.row,
        column,
        value,
        code: finding.code,
        params: finding.params,
        level: 'error',
      });
    }
    const range = isFactModel(model)
      ? (['from', 'to'] as const)
      : (model.dateRange as readonly [string, string] | undefined);
    if (range) {
      const [first, second] = range;
      const a = state.full[first];
      const b = state.full[second];
      if (typeof a === 'string' && typeof b === 'string' && a > b) {
        this.problem(row, second, 'date_order', { after: this.headerOf(model, first) ?? first }, b);
      }
    }
  }

  private diff(state: RowState): void {
    const existing = state.existing;
    if (!existing) return;
    const model = state.row.model;
    for (const [name, value] of Object.entries(state.body)) {
      const field = model.fields[name];
      if (!field || field.storage === 'end') continue;
      if (!same(field, value, existing[name])) state.patch[name] = value;
    }
  }

  private buildNode(state: RowState): void {
    if (!state.handle || state.merged) return;
    const { row } = state;
    const model = row.model;
    for (const [name, value] of Object.entries(row.values)) {
      if (name in model.fields) state.body[name] = this.renamedIn(model, name, value);
    }
    this.links(state);
    this.attributes(state);
    state.full = state.existing
      ? { ...bodyOf(model, state.existing), ...state.body }
      : { ...state.body };
    this.check(state);
    this.diff(state);
  }

  /** Rows whose acyclic links (PART_OF, DEPENDS_ON) close a cycle with the map's links. */
  private checkCycles(): void {
    for (const model of this.nodeModels) {
      for (const [field, spec] of Object.entries(model.fields)) {
        if (!spec.link?.acyclic) continue;
        const edges = new Map<string, string[]>();
        const setBy = new Map<string, RowState>();
        const targetsOf = (value: unknown) =>
          Array.isArray(value) ? (value as string[]) : value ? [value as string] : [];
        for (const { entity, model: m } of this.existingNodes.values()) {
          if (m === model) edges.set(entity.id, targetsOf(entity[field]));
        }
        for (const state of this.states) {
          if (state.row.model !== model || !state.handle || !(field in state.body)) continue;
          edges.set(state.handle.id, targetsOf(state.body[field]));
          setBy.set(state.handle.id, state);
        }
        for (const id of onCycles(edges)) {
          const state = setBy.get(id);
          if (state && !hasErrors(state.row)) this.problem(state.row, field, 'cycle');
        }
      }
    }
  }

  /* Facts. */

  private endField(model: FactModel, handle: Handle): string | undefined {
    return model.to.find((field) => model.fields[field]!.end!.includes(handle.model.label));
  }

  private buildFact(row: ImportRow): void {
    const model = row.model as FactModel;
    const state: RowState = {
      row,
      handle: null,
      existing: null,
      body: {},
      full: {},
      patch: {},
      needs: new Set(),
    };
    this.states.push(state);
    if (hasErrors(row)) return;
    const fromLabels = model.fields[model.from]!.end!;
    const toLabels = [...new Set(model.to.flatMap((field) => model.fields[field]!.end!))];
    const allLabels = this.networkModels.map((m) => m.label);
    const resolveEnd = (field: string, labels: readonly Label[]) => {
      const refs = row.refs[field];
      if (!refs || refs.length === 0) return null;
      return this.resolve(row, field, refs[0]!, labels, this.kindsOf(labels));
    };
    if (!row.refs[model.from]?.length) {
      this.problem(row, model.from, 'required');
      return;
    }
    let from: Handle | null;
    let to: Handle | null;
    let toField: string | undefined;
    if (row.refs[ANY_TARGET]) {
      from = resolveEnd(model.from, row.swappable ? allLabels : fromLabels);
      to = resolveEnd(ANY_TARGET, row.swappable ? allLabels : toLabels);
      if (!from || !to) return;
      const fits = (a: Handle, b: Handle) =>
        fromLabels.includes(a.model.label) && this.endField(model, b) !== undefined;
      if (!fits(from, to) && row.swappable && fits(to, from)) {
        [from, to] = [to, from];
        this.problem(row, null, 'reversed', undefined, undefined, 'warning');
      }
      if (!fromLabels.includes(from.model.label)) {
        this.problem(row, model.from, 'wrong_end', {
          name: String(
            from.row?.values[from.model.nameField] ?? from.existing?.[from.model.nameField] ?? '',
          ),
          actual: from.model.kind,
          expected: this.kindsOf(fromLabels),
        });
        return;
      }
      toField = this.endField(model, to);
      if (!toField) {
        this.problem(row, ANY_TARGET, 'wrong_end', {
          name: String(
            to.row?.values[to.model.nameField] ?? to.existing?.[to.model.nameField] ?? '',
          ),
          actual: to.model.kind,
          expected: this.kindsOf(toLabels),
        });
        return;
      }
    } else {
      const given = model.to.filter((field) => row.refs[field] && row.refs[field]!.length > 0);
      from = resolveEnd(model.from, fromLabels);
      if (given.length !== 1) {
        const fields = model.to.map((field) => this.headerOf(model, field)).join(', ');
        this.problem(row, model.to[0]!, 'exactly_one', { fields });
        return;
      }
      toField = given[0]!;
      to = resolveEnd(toField, model.fields[toField]!.end!);
      if (!from || !to) return;
    }
    if (model.undirected && from.id === to.id) {
      this.problem(row, toField, 'self_reference');
      return;
    }
    for (const handle of [from, to]) if (!handle.existing) state.needs.add(handle);
    for (const [name, value] of Object.entries(row.values)) {
      if (name in model.fields) state.body[name] = value;
    }
    state.body[model.from] = from.id;
    state.body[toField] = to.id;
    state.existing = this.matchFact(state, model, from.id, toField, to.id);
    if (hasErrors(row)) return;
    this.attributes(state);
    const stored = state.existing;
    if (!stored && state.body.status === 'withdrawn' && !state.body.to)
      state.body.to = this.options.today;
    if (
      stored &&
      state.body.status === 'withdrawn' &&
      stored.status !== 'withdrawn' &&
      !state.body.to &&
      !stored.to
    ) {
      state.body.to = this.options.today;
    }
    // A collaboration matched the other way round keeps its ends as they are stored.
    state.full = stored
      ? {
          ...bodyOf(model, stored),
          ...state.body,
          [model.from]: stored[model.from],
          [toField]: stored[toField],
        }
      : { ...state.body };
    this.check(state);
    this.diff(state);
  }

  private readonly claimedFacts = new Map<string, ImportRow>();

  /** The stored fact a fact row describes: by its ID, else one with the same ends, key and period. */
  private matchFact(
    state: RowState,
    model: FactModel,
    fromId: string,
    toField: string,
    toId: string,
  ): Entity | null {
    const { row } = state;
    const sameEnds = (entity: Entity) =>
      (entity[model.from] === fromId && entity[toField] === toId) ||
      (!!model.undirected && entity[model.from] === toId && entity[toField] === fromId);
    const claim = (entity: Entity) => {
      const earlier = this.claimedFacts.get(entity.id);
      if (earlier) {
        this.problem(row, null, 'duplicate_row', { kind: model.kind, other: earlier.row ?? '' });
        return null;
      }
      this.claimedFacts.set(entity.id, row);
      return entity;
    };
    if (row.key) {
      const existing = this.existingFacts.get(row.key);
      if (existing) {
        if (existing.model !== model) {
          this.problem(
            row,
            null,
            'id_of_other_kind',
            { id: row.key, kind: existing.model.kind },
            row.key,
          );
          return null;
        }
        if (!sameEnds(existing.entity)) {
          this.problem(row, model.from, 'ends_changed');
          return null;
        }
        return claim(existing.entity);
      }
    }
    const period = { ...state.body, from: state.body.from ?? null, to: state.body.to ?? null };
    const candidates = (this.factsByEnds.get(endsKey(model, fromId, toId)) ?? [])
      .filter((entity) => sameEnds(entity) && !this.claimedFacts.has(entity.id))
      .filter((entity) =>
        model.duplicateKey.every(
          (key) => state.body[key] === undefined || entity[key] === state.body[key],
        ),
      )
      .filter(
        (entity) => !('from' in row.values || 'to' in row.values) || overlaps(entity, period),
      );
    if (candidates.length === 0) return null;
    if (candidates.length === 1) return claim(candidates[0]!);
    const exact = candidates.filter(
      (entity) =>
        (entity.from ?? null) === (period.from ?? null) &&
        (entity.to ?? null) === (period.to ?? null),
    );
    if (exact.length === 1) return claim(exact[0]!);
    this.problem(row, null, 'ambiguous_match', {
      count: candidates.length,
      kind: model.kind,
      name: `${fromId} – ${toId}`,
    });
    return null;
  }

  /** The API's duplicate rule over the facts as they will be: same ends, key and an overlap. */
  private checkDuplicates(): void {
    const groups = new Map<
      string,
      { entity: Record<string, unknown>; state: RowState | null; id: string }[]
    >();
    const keyOf = (model: FactModel, fact: Record<string, unknown>) => {
      const toField = model.to.find((field) => fact[field]);
      const ends = [fact[model.from] as string, `${toField}:${String(fact[toField!])}`];
      if (model.undirected) ends[1] = String(fact[toField!]);
      const pair = model.undirected ? [...ends].sort() : ends;
      return [model.kind, ...pair, ...model.duplicateKey.map((key) => String(fact[key]))].join(
        '\u0000',
      );
    };
    const touched = new Set<string>();
    for (const state of this.states) {
      if (!isFactModel(state.row.model) || hasErrors(state.row)) continue;
      if (state.existing) touched.add(state.existing.id);
      const model = state.row.model;
      const key = keyOf(model, state.full);
      push(groups, key, { entity: state.full, state, id: state.existing?.id ?? '' });
    }
    for (const { model, entity } of this.existingFacts.values()) {
      if (touched.has(entity.id)) continue;
      const key = keyOf(model, entity);
      if (groups.has(key)) groups.get(key)!.push({ entity, state: null, id: entity.id });
    }
    for (const members of groups.values()) {
      for (let i = 0; i < members.length; i++) {
        const a = members[i]!;
        if (!a.state) continue;
        for (let j = 0; j < members.length; j++) {
          const b = members[j]!;
          // Against stored facts, and against earlier rows that will be written.
          if (i === j || (b.state && (j > i || hasErrors(b.state.row)))) continue;
          if (!overlaps(a.entity, b.entity)) continue;
          const other = b.state ? `${b.state.row.sheet} ${b.state.row.row ?? ''}`.trim() : b.id;
          this.problem(a.state.row, null, 'duplicate_fact', { other });
          break;
        }
      }
    }
  }

  /* Outcome. */

  /** With `skipInvalid`, rows that need a new node whose row is not written are not written either. */
  private settle(): void {
    if (!this.options.skipInvalid) return;
    for (let changed = true; changed;) {
      changed = false;
      for (const state of this.states) {
        if (hasErrors(state.row) || state.merged) continue;
        const missing = [...state.needs].find((handle) => handle.row && hasErrors(handle.row));
        if (missing) {
          this.problem(state.row, null, 'depends_on_invalid', {
            other: missing.row!.row ?? '',
            sheet: missing.row!.sheet,
          });
          changed = true;
        }
      }
    }
  }

  private nameOf(state: RowState, names: Map<string, string>): string {
    const model = state.row.model;
    if (!isFactModel(model)) {
      return String(state.full[model.nameField] ?? state.row.values[model.nameField] ?? '');
    }
    const end = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : '');
    const toField = model.to.find((field) => state.full[field]);
    return `${end(state.full[model.from])} → ${end(toField ? state.full[toField] : null)}`;
  }

  /** The name of every node by id, as the import leaves it, for the report's table. */
  private nodeNames(): Map<string, string> {
    const names = new Map<string, string>();
    for (const { model, entity } of this.existingNodes.values()) {
      names.set(entity.id, String(entity[model.nameField] ?? ''));
    }
    for (const state of this.states) {
      if (!state.handle) continue;
      const name =
        state.full[state.handle.model.nameField] ?? state.row.values[state.handle.model.nameField];
      if (typeof name === 'string') names.set(state.handle.id, name);
    }
    return names;
  }

  /** A new fact's id: the one a saved view already names it by, else a new one. */
  private factId(row: ImportRow): string {
    const reserved = row.key ? this.reservedFactIds.get(row.key) : undefined;
    if (reserved === undefined) return this.options.newId();
    this.reservedFactIds.delete(row.key!);
    return reserved;
  }

  private result(): Plan {
    const outcomes: RowOutcome[] = [];
    const nodeCreates: { state: RowState; handle: Handle }[] = [];
    const factCreates: EntityCreate[] = [];
    const updates: EntityUpdate[] = [];
    const names = this.nodeNames();
    for (const state of this.states) {
      const { row } = state;
      const name = this.nameOf(state, names);
      if (state.merged) {
        outcomes.push({ row, action: 'merged', id: null, fields: [], name });
        continue;
      }
      if (hasErrors(row)) {
        outcomes.push({ row, action: 'invalid', id: null, fields: [], name });
        continue;
      }
      const existing = state.existing;
      if (existing) {
        const fields = Object.keys(state.patch).sort();
        outcomes.push({
          row,
          action: fields.length ? 'update' : 'unchanged',
          id: existing.id,
          fields,
          name,
        });
        if (fields.length) {
          updates.push({
            collection: row.model.collection,
            id: existing.id,
            patch: state.patch,
            before: existing,
          });
        }
        continue;
      }
      const id = state.handle?.id ?? this.factId(row);
      outcomes.push({ row, action: 'create', id, fields: [], name });
      if (isFactModel(row.model))
        factCreates.push({ collection: row.model.collection, id, body: state.full });
      else nodeCreates.push({ state, handle: state.handle! });
    }
    // Nothing is written when a row has an error, unless the valid rows were asked for, and
    // never when the file itself has a problem.
    const refused =
      this.set.fatal.length > 0 ||
      (!this.options.skipInvalid && this.states.some((state) => hasErrors(state.row)));
    const write = !refused;
    const creates = write ? [...linkersFirst(nodeCreates), ...factCreates] : [];
    const problems = [
      ...this.set.fatal,
      ...this.set.warnings,
      ...this.warnings,
      ...this.states.flatMap((state) => state.row.problems),
    ];
    return { writes: { creates, updates: write ? updates : [] }, outcomes, problems };
  }
}

/** New nodes in an order where a node that links to another new node comes before it. */
function linkersFirst(items: { state: RowState; handle: Handle }[]): EntityCreate[] {
  const byHandle = new Map(items.map((item) => [item.handle, item]));
  const placed = new Set<Handle>();
  const order: EntityCreate[] = [];
  // Depth first on "is linked to by": a node goes after every new node that links to it.
  const linkedFrom = new Map<Handle, Handle[]>();
  for (const item of items) {
    for (const target of item.state.needs) {
      push(linkedFrom, target, item.handle);
    }
  }
  const visiting = new Set<Handle>();
  const place = (handle: Handle) => {
    if (placed.has(handle) || visiting.has(handle)) return;
    visiting.add(handle);
    for (const linker of linkedFrom.get(handle) ?? []) if (byHandle.has(linker)) place(linker);
    visiting.delete(handle);
    placed.add(handle);
    const item = byHandle.get(handle)!;
    order.push({
      collection: item.handle.model.collection,
      id: item.handle.id,
      body: item.state.full,
    });
  };
  for (const item of items) place(item.handle);
  return order;
}

/** The ids on a cycle of a directed graph (Tarjan's strongly connected components). */
function onCycles(edges: Map<string, string[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out = new Set<string>();
  let counter = 0;
  const visit = (root: string) => {
    // Iterative, so a long chain of parents cannot overflow the call stack.
    const work: [string, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [node, i] = frame;
      const targets = edges.get(node) ?? [];
      if (i < targets.length) {
        frame[1]++;
        const next = targets[i]!;
        if (next === node) out.add(node);
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push([next, 0]);
        } else if (onStack.has(next)) {
          low.set(node, Math.min(low.get(node)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) for (const id of component) out.add(id);
      }
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return out;
}
