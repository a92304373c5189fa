import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import type { Field, Locale } from '../../../graph-schema/index.ts';
import { neutralise } from './cells.ts';
import {
  ALL_MODELS,
  TABLE_MODELS,
  columnsOf,
  ID_HEADER,
  isFactModel,
  modelNames,
  sheetName,
  type AnyModel,
  type Column,
} from './columns.ts';
import {
  columnCell,
  customCell,
  customKeys,
  nodeNames,
  rowsOf,
  type ExportInput,
  type OutCell,
} from './export-rows.ts';

/**
 * Samspil's own workbook (`format=xlsx`) and its CSV twin (`format=csv`): a README sheet, then
 * one sheet per entity and fact kind with the id, every field, links as names and ids, and the
 * custom fields; headers in the language asked for. The same files import back.
 */

export interface Sheet {
  name: string;
  header: string[];
  rows: OutCell[][];
  /** Columns whose values are fixed: the allowed values, for a drop-down list. */
  choices: Map<number, readonly string[]>;
}

const README_TEXT: Record<Locale, { title: string; lines: string[]; columns: string[] }> = {
  da: {
    title: 'Samspil – sådan bruges projektmappen',
    lines: [
      'Hvert ark er én slags element eller relation. Første række er overskrifterne; kolonnernes rækkefølge er ligegyldig.',
      'En række med ID ændrer det element, der har det ID. En række uden ID findes på navn og type (ellers navn); findes intet, oprettes et nyt.',
      'Henvisninger (Del af, Aktør, Indsats …) skrives som navne, flere adskilt af |. ID-kolonnen ved siden af afgør det, hvis navne går igen; rettes navnet, gælder det nye navn.',
      'En tom celle tømmer feltet; mangler en kolonne helt, røres feltet ikke. Importen sletter aldrig noget.',
      'Formler beregnes ikke: kun cellernes gemte værdier læses. En værdi, der begynder med =, +, - eller @, er skrevet med en apostrof foran.',
      'Kolonner ud over Samspils egne gemmes som egne felter (tekst, tal eller dato).',
      'Importér med "Tjek først": så ser du præcis, hvad der oprettes og ændres, før noget gemmes.',
    ],
    columns: ['Ark', 'Kolonne', 'Påkrævet', 'Indhold', 'Tilladte værdier'],
  },
  en: {
    title: 'Samspil – how to use this workbook',
    lines: [
      'Each sheet is one kind of element or relation. The first row holds the headers; the order of the columns does not matter.',
      'A row with an ID changes the element with that ID. A row without one is found by name and type (else name); when none is found, a new one is created.',
      'References (Part of, Actor, Initiative …) are written as names, several separated by |. The ID column next to it decides when names repeat; if the name is changed, the new name counts.',
      'A blank cell clears the field; a column left out leaves the field as it is. An import never deletes anything.',
      'Formulas are not evaluated: only the values the cells hold are read. A value beginning with =, +, - or @ is written with an apostrophe in front.',
      'Columns beyond Samspil’s own are kept as custom fields (text, number or date).',
      'Import with "Check first" (dry run) to see exactly what will be created and changed before anything is saved.',
    ],
    columns: ['Sheet', 'Column', 'Required', 'Holds', 'Allowed values'],
  },
};

const WORDS: Record<Locale, Record<string, string>> = {
  da: {
    yes: 'ja',
    no: 'nej',
    id: 'Elementets ID; lad det stå, og lad det være tomt på nye rækker',
    text: 'Tekst, højst {max} tegn',
    int: 'Helt tal {min}–{max}',
    date: 'Dato, ÅÅÅÅ-MM-DD',
    list: 'Ord adskilt af |',
    choice: 'Én af værdierne',
    names: 'Navne på {targets}, flere adskilt af |',
    ids: 'ID’er på {targets}, flere adskilt af |',
    json: 'JSON-liste',
    url: 'Link, http(s)://…',
    one: 'en',
    any: 'eller',
  },
  en: {
    yes: 'yes',
    no: 'no',
    id: 'The element’s ID; leave it as it is, and empty on new rows',
    text: 'Text, at most {max} characters',
    int: 'Whole number {min}–{max}',
    date: 'Date, YYYY-MM-DD',
    list: 'Words separated by |',
    choice: 'One of the values',
    names: 'Names of {targets}, several separated by |',
    ids: 'IDs of {targets}, several separated by |',
    json: 'JSON list',
    url: 'Link, http(s)://…',
    one: 'a',
    any: 'or',
  },
};

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));
}

function targetsOf(model: AnyModel, column: Column, lang: Locale): string {
  const field = model.fields[column.field] as Field;
  const labels = field.link?.targets ?? field.end ?? [];
  const nouns = ALL_MODELS.filter((m) => !isFactModel(m) && labels.includes(m.label)).map((m) =>
    modelNames(m)[lang][1].toLowerCase(),
  );
  return nouns.join(` ${WORDS[lang].any} `);
}

/** What a column holds and which values it takes, for the README. */
function describe(model: AnyModel, column: Column, lang: Locale): [string, string] {
  const words = WORDS[lang];
  const field = model.fields[column.field] as Field;
  const schema = field.schema as {
    maxLength?: number;
    minimum?: number;
    maximum?: number;
    properties?: Record<string, { enum?: string[]; maxLength?: number }>;
  };
  switch (column.part) {
    case 'name':
      return [fill(words.names, { targets: targetsOf(model, column, lang) }), ''];
    case 'id':
      return [fill(words.ids, { targets: targetsOf(model, column, lang) }), ''];
    case 'json':
      return [words.json, ''];
    case 'value':
      if (field.options) return [words.choice, field.options.join(', ')];
      if (field.storage === 'int')
        return [fill(words.int, { min: schema.minimum ?? 0, max: schema.maximum ?? '' }), ''];
      if (field.storage === 'date') return [words.date, ''];
      if (field.storage === 'stringList') return [words.list, ''];
      return [fill(words.text, { max: schema.maxLength ?? '' }), ''];
    default: {
      const part = schema.properties?.[column.part.slice('source.'.length)];
      if (part?.enum) return [words.choice, part.enum.join(', ')];
      if (column.part === 'source.url') return [words.url, ''];
      return [fill(words.text, { max: part?.maxLength ?? '' }), ''];
    }
  }
}

function isRequired(model: AnyModel, column: Column): boolean {
  const field = model.fields[column.field] as Field;
  if (column.part === 'id' || column.part.startsWith('source.')) return false;
  if (isFactModel(model) && model.to.includes(column.field) && model.to.length > 1) return false;
  return field.required;
}

/** The README sheet: how the workbook works, and every column of every sheet. */
function readme(input: ExportInput): OutCell[][] {
  const { lang } = input;
  const text = README_TEXT[lang];
  const rows: OutCell[][] = [
    [text.title],
    [`${input.map.name} · ${input.exportedAt.slice(0, 10)}`],
    [],
    ...text.lines.map((line) => [line]),
    [],
    text.columns,
  ];
  for (const model of TABLE_MODELS) {
    const sheet = sheetName(model, lang);
    rows.push([sheet, ID_HEADER, WORDS[lang].no, WORDS[lang].id, '']);
    for (const column of columnsOf(model)) {
      const [holds, values] = describe(model, column, lang);
      rows.push([
        sheet,
        column.header[lang],
        isRequired(model, column) ? WORDS[lang].yes : WORDS[lang].no,
        holds,
        values,
      ]);
    }
  }
  return rows;
}

/** Every sheet of the workbook as plain rows (the CSV export writes the same). */
export function workbookSheets(input: ExportInput): Sheet[] {
  const names = nodeNames(input.content);
  const sheets: Sheet[] = [{ name: 'README', header: [], rows: readme(input), choices: new Map() }];
  for (const model of TABLE_MODELS) {
    const entities = rowsOf(input.content, model);
    const columns = columnsOf(model);
    const custom = customKeys(entities);
    const choices = new Map<number, readonly string[]>();
    columns.forEach((column, index) => {
      const field = model.fields[column.field] as Field;
      if (column.part === 'value' && field.options) choices.set(index + 1, field.options);
      if (column.part === 'source.kind') {
        const kinds = (field.schema as { properties?: { kind?: { enum?: string[] } } }).properties
          ?.kind?.enum;
        if (kinds) choices.set(index + 1, kinds);
      }
    });
    sheets.push({
      name: sheetName(model, input.lang),
      header: [ID_HEADER, ...columns.map((column) => column.header[input.lang]), ...custom],
      rows: entities.map((entity) => [
        entity.id,
        ...columns.map((column) => columnCell(model, column, entity, names)),
        ...custom.map((key) => customCell(entity, key)),
      ]),
      choices,
    });
  }
  return sheets;
}

/** A cell as written: text guarded against formula injection, a date as a date. */
const safe = (cell: OutCell): OutCell => (typeof cell === 'string' ? neutralise(cell) : cell);

interface DataValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** Rows beyond the data that still offer the drop-down lists, for rows a person adds. */
const SPARE_ROWS = 1000;

/** Writes sheets as an XLSX workbook. */
export async function writeXlsx(sheets: Sheet[], title: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samspil';
  workbook.title = title;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31));
    if (sheet.header.length) {
      worksheet.addRow(sheet.header.map(safe));
      worksheet.getRow(1).font = { bold: true };
      worksheet.views = [{ state: 'frozen', ySplit: 1 }];
    }
    for (const row of sheet.rows) worksheet.addRow(row.map(safe));
    const width = Math.max(sheet.header.length, 1);
    for (let index = 1; index <= width; index++) {
      const header = sheet.header[index - 1] ?? '';
      const column = worksheet.getColumn(index);
      column.width = sheet.header.length ? Math.min(40, Math.max(10, header.length + 4)) : 120;
    }
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell instanceof Date) worksheet.getCell(r + 2, c + 1).numFmt = 'yyyy-mm-dd';
      }),
    );
    const last = sheet.rows.length + 1 + SPARE_ROWS;
    for (const [index, values] of sheet.choices) {
      const letter = worksheet.getColumn(index + 1).letter;
      const list = `"${values.join(',')}"`;
      if (list.length > 255) continue;
      // exceljs has data validations on a worksheet but leaves them out of its types.
      const validations = (worksheet as unknown as { dataValidations: DataValidations })
        .dataValidations;
      validations.add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
        errorStyle: 'warning',
      });
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** `format=xlsx`: Samspil's workbook. */
export function samspilWorkbook(input: ExportInput): Promise<Uint8Array> {
  return writeXlsx(workbookSheets(input), input.map.name);
}

/** A CSV value: quoted when it holds a delimiter, a quote or a line break; dates as text. */
function csvValue(cell: OutCell): string {
  if (cell === null) return '';
  const text =
    cell instanceof Date
      ? cell.toISOString().slice(0, 10)
      : typeof cell === 'number'
        ? String(cell)
        : neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One sheet as CSV text: UTF-8 with a byte-order mark, so spreadsheet programs read the letters. */
export function toCsv(sheet: Sheet): string {
  const lines = [sheet.header, ...sheet.rows]
    .filter((row) => row.length)
    .map((row) => row.map(csvValue).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** `format=csv`: a zip of one CSV file per sheet. */
export function samspilCsvZip(input: ExportInput): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const sheet of workbookSheets(input)) {
    files[`${sheet.name}.csv`] = strToU8(toCsv(sheet));
  }
  return zipSync(files, { level: 6 });
}
