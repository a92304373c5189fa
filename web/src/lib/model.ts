import {
  FACT_MODELS,
  NODE_MODELS,
  type FactCollection,
  type FactKind,
  type NodeCollection,
  type NodeKind,
} from '../../../graph-schema/entities.ts';
import type { FactModel, Field, NodeModel } from '../../../graph-schema/model.ts';
import type { MessageKey } from './i18n/index.ts';

/**
 * What the web app reads off the one model declaration in graph-schema: the collections, their
 * forms and the nouns that name them. Nothing here lists a field by hand.
 */

export type { FactCollection, FactKind, NodeCollection, NodeKind };
export type Collection = NodeCollection | FactCollection;
type AnyModel = NodeModel | FactModel;

const nodeModels = NODE_MODELS as readonly NodeModel[];
const factModels = FACT_MODELS as readonly FactModel[];

export const MODEL_OF = Object.fromEntries(
  [...nodeModels, ...factModels].map((model) => [model.collection, model]),
) as Record<Collection, AnyModel>;

export const NODE_COLLECTION = Object.fromEntries(
  nodeModels.map((model) => [model.kind, model.collection]),
) as Record<NodeKind, NodeCollection>;

export const FACT_COLLECTION = Object.fromEntries(
  factModels.map((model) => [model.kind, model.collection]),
) as Record<FactKind, FactCollection>;

const KIND_OF_LABEL = new Map<string, NodeKind>(
  nodeModels.map((model) => [model.label, model.kind as NodeKind]),
);

export const isFactCollection = (collection: Collection): collection is FactCollection =>
  factModels.some((model) => model.collection === collection);

/** The singular noun of a collection (`entity.actor`), for titles and messages. */
export const collectionNoun = (collection: Collection): MessageKey =>
  `entity.${MODEL_OF[collection].kind}` as MessageKey;

export type FieldType =
  | 'text'
  | 'textarea'
  | 'select'
  | 'number'
  | 'scale'
  | 'strength'
  | 'date'
  | 'ref'
  | 'refs'
  | 'tags'
  | 'source'
  | 'target';

export interface FieldSpec {
  name: string;
  type: FieldType;
  label: MessageKey;
  required?: boolean;
  /** Enum values and the i18n group of their labels. */
  options?: readonly string[];
  enumGroup?: string;
  /** Which node kinds a reference may point to. */
  refKinds?: NodeKind[];
  /** One end of a fact: set on create, never changed afterwards. */
  end?: boolean;
  /** Limits from the schema, for the browser's own checks and hints. */
  min?: number;
  max?: number;
  maxLength?: number;
}

function refKinds(labels: readonly string[] | undefined): NodeKind[] {
  return (labels ?? []).map((label) => KIND_OF_LABEL.get(label)).filter((k) => k !== undefined);
}

function spec(name: string, field: Field): FieldSpec {
  const schema = field.schema as { minimum?: number; maximum?: number; maxLength?: number };
  return {
    name,
    type: field.storage === 'end' ? 'ref' : (field.widget as FieldType),
    label: (field.label ?? `field.${name}`) as MessageKey,
    ...(field.required ? { required: true } : {}),
    ...(field.options ? { options: field.options, enumGroup: field.enumGroup } : {}),
    ...(field.link || field.end ? { refKinds: refKinds(field.link?.targets ?? field.end) } : {}),
    ...(field.storage === 'end' ? { end: true } : {}),
    ...(schema.minimum !== undefined ? { min: schema.minimum } : {}),
    ...(schema.maximum !== undefined ? { max: schema.maximum } : {}),
    ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
  };
}

/**
 * A model's form, in declaration order. A fact whose other end may be one of several kinds
 * (an initiative or a plan) shows those ends as one `target` field.
 */
function formOf(model: AnyModel): FieldSpec[] {
  const fields: FieldSpec[] = [];
  const targets = 'to' in model && model.to.length > 1 ? new Set<string>(model.to) : null;
  for (const [name, field] of Object.entries(model.fields) as [string, Field][]) {
    if (field.widget === 'none') continue;
    if (targets?.has(name)) {
      if (fields.some((f) => f.name === 'target')) continue;
      fields.push({
        name: 'target',
        type: 'target',
        label: 'field.target' as MessageKey,
        required: true,
        refKinds: [...targets].flatMap((end) => refKinds(model.fields[end]!.end)),
        end: true,
      });
      continue;
    }
    fields.push(spec(name, field));
  }
  return fields;
}

/** The form of each collection, in display order; names are the API's field names. */
export const FORMS = Object.fromEntries(
  Object.entries(MODEL_OF).map(([collection, model]) => [collection, formOf(model)]),
) as Record<Collection, FieldSpec[]>;

/** The API fields that a form field stands for (a fact's `target` is one of its ends). */
export function apiFieldsOf(collection: Collection, formField: string): string[] {
  const model = MODEL_OF[collection];
  if (formField === 'target' && 'to' in model) return [...model.to];
  return [formField];
}
