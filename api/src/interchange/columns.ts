import {
  FACT_MODELS,
  NODE_MODELS,
  inEveryFile,
  type FactModel,
  type Field,
  type Locale,
  type NodeModel,
  type Words,
} from '../../../graph-schema/index.ts';

/**
 * The columns of a model's sheet, derived from its field declarations: the header of each in
 * Danish and English, and every header an import accepts for it. Nothing here lists a field by
 * hand; a new field gets its columns from its storage kind.
 */

export type AnyModel = NodeModel | FactModel;
/** Every model, in declaration order: what the backup holds. */
export const ALL_MODELS = [...NODE_MODELS, ...FACT_MODELS] as readonly AnyModel[];
/**
 * The models of the spreadsheets and network files (the workbook, CSV, Kumu, GEXF, GraphML):
 * all but those only the backup carries (saved views).
 */
export const TABLE_MODELS = ALL_MODELS.filter(inEveryFile);

export const isFactModel = (model: AnyModel): model is FactModel => 'type' in model;

/** What one column holds of a field: its value, a link's names or ids, or a part of a source. */
export type ColumnPart =
  'value' | 'name' | 'id' | 'json' | 'source.kind' | 'source.url' | 'source.note';

export interface Column {
  field: string;
  part: ColumnPart;
  header: Words;
}

/** Headers are compared without case, accents of spacing, or a trailing colon. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/:$/, '').toLowerCase();
}

/** `expectedEffect` → `Expected effect`, `parentId` → `Parent`. */
function humanise(name: string): string {
  const words = name
    .replace(/Ids?$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldWords(name: string, field: Field): Words {
  if (field.column) return field.column;
  const en = humanise(name);
  return { da: en, en };
}

/** The nouns of a model: singular and plural, in each language. */
export function modelNames(model: AnyModel): {
  da: readonly [string, string];
  en: readonly [string, string];
} {
  if (model.names) return model.names;
  const one = humanise(model.kind);
  const many = humanise(model.collection);
  return { da: [one, many], en: [one, many] };
}

/** The sheet of a model in a workbook, and the CSV file in a zip: its plural noun. */
export const sheetName = (model: AnyModel, lang: Locale) => modelNames(model)[lang][1];

const SOURCE_PARTS: Record<string, Words> = {
  kind: { da: 'type', en: 'kind' },
  url: { da: 'link', en: 'URL' },
  note: { da: 'note', en: 'note' },
};

const both = (words: Words, suffix: (text: string) => string): Words => ({
  da: suffix(words.da),
  en: suffix(words.en),
});

/** The columns of a model's sheet, in the order an export writes them. */
export function columnsOf(model: AnyModel): Column[] {
  const out: Column[] = [];
  for (const [name, field] of Object.entries(model.fields) as [string, Field][]) {
    const words = fieldWords(name, field);
    switch (field.storage) {
      case 'json':
      case 'flat':
        break;
      case 'source': {
        const parts = Object.keys(
          (field.schema as { properties?: Record<string, unknown> }).properties ?? {},
        );
        for (const part of parts) {
          const partWords = SOURCE_PARTS[part] ?? { da: part, en: part };
          out.push({
            field: name,
            part: `source.${part}` as ColumnPart,
            header: { da: `${words.da}: ${partWords.da}`, en: `${words.en}: ${partWords.en}` },
          });
        }
        break;
      }
      case 'link':
        if (field.link?.key) {
          out.push({ field: name, part: 'json', header: both(words, (w) => `${w} (JSON)`) });
          break;
        }
        out.push({ field: name, part: 'name', header: words });
        out.push({ field: name, part: 'id', header: both(words, (w) => `${w} (ID)`) });
        break;
      case 'end':
        out.push({ field: name, part: 'name', header: words });
        out.push({ field: name, part: 'id', header: both(words, (w) => `${w} (ID)`) });
        break;
      default:
        out.push({ field: name, part: 'value', header: words });
    }
  }
  return out;
}

/** The header of the column that holds a row's own id. */
export const ID_HEADER = 'ID';

/**
 * Every header an import accepts for a column of this model: the Danish and the English header,
 * the API's field name (`startDate`, `parentId` for the ids, `source.url`), and for ids also
 * `<header> ID`.
 */
export function headerIndex(model: AnyModel): Map<string, Column> {
  const index = new Map<string, Column>();
  const add = (alias: string, column: Column) => {
    const key = normaliseHeader(alias);
    if (!index.has(key)) index.set(key, column);
  };
  for (const column of columnsOf(model)) {
    add(column.header.da, column);
    add(column.header.en, column);
    if (column.part === 'value' || column.part === 'json' || column.part === 'id') {
      add(column.field, column);
    }
    if (column.part === 'id') {
      const words = fieldWords(column.field, model.fields[column.field]!);
      add(`${words.da} ID`, column);
      add(`${words.en} ID`, column);
    }
    if (column.part.startsWith('source.')) {
      const part = column.part.slice('source.'.length);
      add(`${column.field}.${part}`, column);
      add(`${column.field}${part.charAt(0).toUpperCase()}${part.slice(1)}`, column);
    }
  }
  return index;
}

/** The model whose sheet (or CSV file) has this name, in either language or as its collection. */
export function modelOfSheet(name: string): AnyModel | undefined {
  const wanted = normaliseHeader(name.replace(/\.csv$/i, ''));
  return TABLE_MODELS.find((model) => {
    const names = modelNames(model);
    return [names.da[1], names.en[1], model.collection].some(
      (candidate) => normaliseHeader(candidate) === wanted,
    );
  });
}
