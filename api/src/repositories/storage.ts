import type { TSchema } from 'typebox';
import {
  Label,
  type FactModel,
  type Field,
  type Fields,
  type NodeModel,
} from '../../../graph-schema/index.ts';
import { int, toNeo4jDate, toPlain } from '../db/values.ts';

/**
 * How the fields of a model are kept in Neo4j, derived from the model's one declaration (see
 * `Storage` in graph-schema/model.ts). The repositories build their constant Cypher from this
 * once, at load time; request values only ever travel as parameters.
 */

type Body = Record<string, unknown>;

/** Fields kept as node or relationship properties (not links, not ends). */
export function propertyFields(fields: Fields): [string, Field][] {
  return Object.entries(fields).filter(([, f]) => f.storage !== 'link' && f.storage !== 'end');
}

export function linkFields(
  fields: Fields,
): [string, Field & { link: NonNullable<Field['link']> }][] {
  return Object.entries(fields).filter(
    (entry): entry is [string, Field & { link: NonNullable<Field['link']> }] =>
      entry[1].storage === 'link',
  );
}

/**
 * Body fields as Neo4j properties. A `null` removes the property (`SET n += $props` with a null
 * value deletes it); a source becomes `sourceKind`, `sourceUrl`, `sourceNote`; a `flat` object
 * becomes one property per key.
 */
export function toProperties(fields: Fields, body: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of propertyFields(fields)) {
    if (!(name in body)) continue;
    const value = body[name];
    switch (f.storage) {
      case 'source': {
        const source = value as { kind: string; url?: string; note?: string } | null;
        out.sourceKind = source?.kind ?? null;
        out.sourceUrl = source?.url ?? null;
        out.sourceNote = source?.note ?? null;
        break;
      }
      case 'flat': {
        const keys = Object.keys((f.defaultValue ?? {}) as object);
        const object = (value ?? {}) as Record<string, unknown>;
        // A null object clears every key; an object sets the keys it names.
        for (const key of keys) {
          if (value === null || key in object) out[key] = storeScalar(object[key]);
        }
        break;
      }
      case 'json':
        out[name] = value === null || value === undefined ? null : JSON.stringify(value);
        break;
      case 'int':
        out[name] = value === null || value === undefined ? null : int(value as number);
        break;
      case 'date':
        out[name] = value === null || value === undefined ? null : toNeo4jDate(value as string);
        break;
      default:
        out[name] = f.trim && typeof value === 'string' ? value.trim() : (value ?? null);
    }
  }
  return out;
}

function storeScalar(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) ? int(value) : value;
}

/** Only the properties that hold a value: what `SET n = $props` writes on create. */
export function withoutNulls(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== null));
}

/**
 * Stored properties (and projected links or ends) back in the API's shape: unset optional fields
 * read as `null`, arrays as `[]`, a field with a default as that default.
 */
export function fromProperties(fields: Fields, stored: Record<string, unknown>): Body {
  const plain = toPlain(stored) as Body;
  const out: Body = {
    id: plain.id,
    mapId: plain.mapId,
    version: plain.version,
    createdAt: plain.createdAt,
    updatedAt: plain.updatedAt,
  };
  for (const [name, f] of Object.entries(fields)) {
    switch (f.storage) {
      case 'source':
        out[name] = plain.sourceKind
          ? {
              kind: plain.sourceKind,
              ...(plain.sourceUrl ? { url: plain.sourceUrl } : {}),
              ...(plain.sourceNote ? { note: plain.sourceNote } : {}),
            }
          : null;
        break;
      case 'flat': {
        const defaults = (f.defaultValue ?? {}) as Record<string, unknown>;
        out[name] = Object.fromEntries(
          Object.entries(defaults).map(([key, fallback]) => [key, plain[key] ?? fallback]),
        );
        break;
      }
      case 'json':
        out[name] =
          typeof plain[name] === 'string'
            ? JSON.parse(plain[name])
            : // A copy, so no reader can change the declaration's default.
              structuredClone(f.defaultValue ?? null);
        break;
      default: {
        const value = plain[name];
        if (f.link?.key) {
          const key = f.link.key;
          const list = Array.isArray(value) ? [...(value as Record<string, unknown>[])] : [];
          out[name] = list
            .map((item) => withNullsFor(f, item))
            .sort((a, b) => String(a[key]).localeCompare(String(b[key])));
        } else if (f.link?.many || f.storage === 'stringList') {
          const list = Array.isArray(value) ? [...(value as string[])] : [];
          // Link ids come back in no particular order; sorted, two reads of the same state agree.
          out[name] = f.link ? list.sort() : list;
        } else {
          out[name] = value ?? f.defaultValue ?? null;
        }
      }
    }
  }
  return out;
}

/** An object of a link with properties, with every declared property present (null when unset). */
function withNullsFor(f: Field, item: Record<string, unknown>): Record<string, unknown> {
  const schema = f.schema as TSchema & { items?: { properties?: Record<string, unknown> } };
  const keys = Object.keys(schema.items?.properties ?? {});
  return Object.fromEntries(keys.map((key) => [key, item[key] ?? null]));
}

/**
 * The labels with a search index of their own: the records (graph-schema/migrations/V0006) and
 * the saved views (V0007). Every other label is searched through `entity_names`.
 */
const OWN_INDEX: Readonly<Record<string, string>> = {
  [Label.Meeting]: 'record_titles',
  [Label.Decision]: 'record_titles',
  [Label.Action]: 'record_titles',
  [Label.View]: 'view_names',
};

/** The full-text index that searches the names or titles of a label's nodes. */
export function fullTextIndexOf(label: string): string {
  return OWN_INDEX[label] ?? 'entity_names';
}

/** `x:Actor OR x:Forum`: a label test for a link or an end that may point at several labels. */
export function labelTest(variable: string, labels: readonly string[]): string {
  return labels.map((label) => `${variable}:${label}`).join(' OR ');
}

/**
 * `n { .*, parentId: …, areaIds: […] } AS item`: a node with its structural links as ids, and
 * links with properties as objects (`participants: [{actorId, sentiment, note}]`).
 */
export function nodeProjection(model: NodeModel, variable = 'n'): string {
  const links = linkFields(model.fields).map(([name, f]) => {
    const where = `WHERE ${labelTest('t', f.link.targets)}`;
    if (f.link.key) {
      return `${name}: [(${variable})-[r:${f.link.rel}]->(t) ${where} | r { .*, ${f.link.key}: t.id }]`;
    }
    const pattern = `[(${variable})-[:${f.link.rel}]->(t) ${where} | t.id]`;
    return f.link.many ? `${name}: ${pattern}` : `${name}: head(${pattern})`;
  });
  return `${variable} { .*${links.length ? `, ${links.join(', ')}` : ''} } AS item`;
}

/** `r { .*, actorId: a.id, initiativeId: …, planId: … } AS item` for `(a)-[r]->(b)`. */
export function factProjection(model: FactModel): string {
  const ends = [`${model.from}: a.id`];
  if (model.to.length === 1) {
    ends.push(`${model.to[0]}: b.id`);
  } else {
    for (const name of model.to) {
      ends.push(`${name}: CASE WHEN ${labelTest('b', endLabels(model, name))} THEN b.id END`);
    }
  }
  return `r { .*, ${ends.join(', ')} } AS item`;
}

/** The labels the node at an end of a fact may have. */
export function endLabels(model: FactModel, name: string): readonly string[] {
  return model.fields[name]!.end!;
}

/**
 * Cypher that binds `variable` to the node with id `idVariable` and one of `labels`, through the
 * id constraint's index of each label (a match without a label would scan every node). With
 * `optional`, `variable` is null when there is none.
 */
export function matchById(
  variable: string,
  labels: readonly string[],
  idVariable: string,
  optional = false,
): string {
  const prefix = optional ? 'OPTIONAL ' : '';
  if (labels.length === 1) return `${prefix}MATCH (${variable}:${labels[0]} {id: ${idVariable}})`;
  const branches = labels.map(
    (label) => `MATCH (x:${label} {id: ${idVariable}}) RETURN x AS ${variable}`,
  );
  return `${prefix}CALL (${idVariable}) { ${branches.join(' UNION ')} }`;
}
