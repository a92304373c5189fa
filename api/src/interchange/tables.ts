import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { IMPORT_LIMITS } from '../../../graph-schema/index.ts';
import type { Cell } from './cells.ts';
import { FileProblem } from './file-problem.ts';
import { isZip, unpackZip } from './zip.ts';

/**
 * Sheets as plain rows of cells, from a workbook, a CSV file or a zip of CSV files. Only cell
 * values are read: a formula cell counts as the result its program stored, and is never
 * evaluated; one with no stored result is reported.
 */

export interface TableRow {
  /** The row number as the spreadsheet shows it. */
  row: number;
  cells: Cell[];
}

/** A cell whose value could not be taken (a formula without a stored result, an error value). */
export interface CellIssue {
  row: number;
  column: number;
  code: 'formula_without_value';
  formula: string;
}

export interface Table {
  name: string;
  /** Rows with at least one non-blank cell, in order; gaps in `row` are blank rows. */
  rows: TableRow[];
  issues: CellIssue[];
}

export interface ReadOptions {
  maxRows?: number;
  maxColumns?: number;
  /** Called now and then with the rows read so far. */
  onRows?: (rows: number) => void;
}

const isBlank = (cells: Cell[]) => cells.every((cell) => cell === null);

/** Counts rows across tables and stops a file that has more than the limit. */
class RowBudget {
  private count = 0;
  constructor(
    private readonly limit: number,
    private readonly onRows?: (rows: number) => void,
  ) {}
  add(): void {
    this.count++;
    if (this.count > this.limit) throw new FileProblem('too_many_rows', { limit: this.limit });
    if (this.count % 2000 === 0) this.onRows?.(this.count);
  }
}

type ExcelValue = ExcelJS.CellValue | undefined;

/** A cell of exceljs as a plain value; formulas by their stored result. */
function excelCell(value: ExcelValue): Cell | { issue: string } {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return value;
  const object = value as unknown as Record<string, unknown>;
  if ('formula' in object || 'sharedFormula' in object) {
    const result = object.result as ExcelValue;
    if (
      result === undefined ||
      result === null ||
      (typeof result === 'object' && 'error' in result)
    ) {
      return { issue: String(object.formula ?? object.sharedFormula) };
    }
    return excelCell(result);
  }
  if (Array.isArray(object.richText)) {
    return (object.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
  }
  if ('text' in object && typeof object.text !== 'object') return String(object.text);
  if ('text' in object) return excelCell(object.text as ExcelValue);
  if ('error' in object) return null;
  return null;
}

/** The parts of a workbook the sheets depend on, which exceljs's reader needs to meet first. */
const FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const WORKSHEET_REL =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/**
 * The workbook's worksheets under the names exceljs's stream reader finds them by. It takes a
 * sheet's name from a relationship whose target is exactly `worksheets/sheetN.xml`, and reads
 * only parts so named; other programs write targets from the package root
 * (`/xl/worksheets/sheet1.xml`, as openpyxl and so pandas do) or name the parts otherwise. Each
 * worksheet relationship is pointed at `worksheets/sheetN.xml` in its order, and its part renamed
 * to match; the sheets then keep their names.
 */
function namedAsTheReaderExpects(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const rels = files.get(WORKBOOK_RELS);
  if (!rels) return files;
  const renamed = new Map<string, string>();
  let count = 0;
  let changed = false;
  const text = new TextDecoder().decode(rels).replace(/<Relationship\b[^>]*>/g, (element) => {
    const type = /\bType\s*=\s*(["'])(.*?)\1/.exec(element)?.[2];
    const target = /\bTarget\s*=\s*(["'])(.*?)\1/.exec(element);
    if (type !== WORKSHEET_REL || !target) return element;
    const part = target[2]!.startsWith('/') ? target[2]!.slice(1) : `xl/${target[2]}`;
    const wanted = `worksheets/sheet${++count}.xml`;
    if (!files.has(part)) return element;
    renamed.set(part, `xl/${wanted}`);
    if (target[2] === wanted) return element;
    changed = true;
    return element.replace(target[0], `Target="${wanted}"`);
  });
  if (!changed) return files;
  const out = new Map<string, Uint8Array>();
  for (const [name, bytes] of files) {
    if (renamed.has(name)) continue;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    out.set(name, bytes);
  }
  for (const [from, to] of renamed) out.set(to, files.get(from)!);
  out.set(WORKBOOK_RELS, new TextEncoder().encode(text));
  return out;
}

/**
 * The workbook's files again as a zip, stored without compression, in the order exceljs's stream
 * reader expects: workbook, relations and shared strings before the sheets. Programs write their
 * files in different orders, and the reader fails on a sheet that comes before the workbook.
 */
function inOrder(workbook: Map<string, Uint8Array>): Uint8Array {
  const files = namedAsTheReaderExpects(workbook);
  const names = [...files.keys()];
  const ordered = [
    ...FIRST.filter((name) => files.has(name)),
    ...names.filter((name) => !FIRST.includes(name)),
  ];
  return zipSync(Object.fromEntries(ordered.map((name) => [name, files.get(name)!])), { level: 0 });
}

/** Every sheet of an XLSX workbook, read as a stream so a big one does not fill the memory. */
export async function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): Promise<Table[]> {
  // The zip is checked first, by what it really unpacks to (see unpackZip).
  const { names, files } = await unpackZip(bytes, () => true);
  if (!names.includes('xl/workbook.xml')) {
    throw new FileProblem('unreadable_file', { expected: 'XLSX' });
  }
  const budget = new RowBudget(options.maxRows ?? IMPORT_LIMITS.rows, options.onRows);
  const maxColumns = options.maxColumns ?? IMPORT_LIMITS.columns;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from(Buffer.from(inOrder(files))),
    {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
      entries: 'ignore',
    },
  );
  const tables: Table[] = [];
  try {
    for await (const sheet of reader) {
      const worksheet = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      const table: Table = {
        name: worksheet.name ?? `Sheet${tables.length + 1}`,
        rows: [],
        issues: [],
      };
      for await (const row of worksheet) {
        const values = (row.values as ExcelValue[]) ?? [];
        if (values.length - 1 > maxColumns) {
          throw new FileProblem('too_many_columns', { limit: maxColumns }, table.name);
        }
        const cells: Cell[] = [];
        for (let column = 1; column < values.length; column++) {
          const cell = excelCell(values[column]);
          if (cell !== null && typeof cell === 'object' && 'issue' in cell) {
            table.issues.push({
              row: row.number,
              column: column - 1,
              code: 'formula_without_value',
              formula: cell.issue,
            });
            cells.push(null);
          } else {
            cells.push(cell as Cell);
          }
        }
        while (cells.length && cells[cells.length - 1] === null) cells.pop();
        if (isBlank(cells)) continue;
        budget.add();
        table.rows.push({ row: row.number, cells });
      }
      tables.push(table);
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem('unreadable_file', { expected: 'XLSX' });
  }
  return tables;
}

/** Text from bytes: UTF-8 (a byte-order mark dropped), else Windows-1252 as older Excel writes. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Text that is not a table: control characters other than tab and line breaks. */
export const looksBinary = (text: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text.slice(0, 65536));

/** The delimiter of a CSV file: whichever of `,`, `;` and tab the header line has most of. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let most = -1;
  for (const candidate of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const char of firstLine) {
      if (char === '"') quoted = !quoted;
      else if (char === candidate && !quoted) count++;
    }
    if (count > most) {
      best = candidate;
      most = count;
    }
  }
  return best;
}

/** Plain decimals in a CSV cell are numbers; `007`, `+5` or `1e3` stay text. */
const CSV_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/;

/**
 * A CSV file (RFC 4180: quoted fields may hold delimiters, quotes doubled and line breaks) as a
 * table. The delimiter is found from the header line, so files from a Danish Excel (`;`) read.
 */
export function readCsv(bytes: Uint8Array, name: string, options: ReadOptions = {}): Table {
  const text = decodeText(bytes);
  if (looksBinary(text)) throw new FileProblem('unreadable_file', { expected: 'CSV' });
  const budget = new RowBudget(options.maxRows ?? IMPORT_LIMITS.rows, options.onRows);
  const maxColumns = options.maxColumns ?? IMPORT_LIMITS.columns;
  const delimiter = delimiterOf(text);
  const table: Table = { name, rows: [], issues: [] };
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let row = 1;
  const endField = () => {
    const value = wasQuoted ? field : field.trim() === '' ? null : field;
    cells.push(
      !wasQuoted && value !== null && CSV_NUMBER.test(value.trim()) ? Number(value) : value,
    );
    if (cells.length > maxColumns) {
      throw new FileProblem('too_many_columns', { limit: maxColumns }, name);
    }
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    const trimmed = cells.map((cell) =>
      typeof cell === 'string' && cell.trim() === '' ? null : cell,
    );
    while (trimmed.length && trimmed[trimmed.length - 1] === null) trimmed.pop();
    if (!isBlank(trimmed)) {
      budget.add();
      table.rows.push({ row, cells: trimmed });
    }
    cells = [];
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (char === delimiter) {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += char;
    }
  }
  if (field !== '' || cells.length > 0 || wasQuoted) endRow();
  return table;
}

/** A zip of CSV files (what `format=csv` exports): one table per `.csv`, named by its file. */
export async function readCsvZip(bytes: Uint8Array, options: ReadOptions = {}): Promise<Table[]> {
  const isCsv = (name: string) =>
    /\.csv$/i.test(name) && !name.startsWith('__MACOSX/') && !/(^|\/)\./.test(name);
  const { files } = await unpackZip(bytes, isCsv);
  const budget = { ...options };
  const tables: Table[] = [];
  let rows = 0;
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const name = path
      .split('/')
      .pop()!
      .replace(/\.csv$/i, '');
    const table = readCsv(content, name, {
      ...budget,
      maxRows: (options.maxRows ?? IMPORT_LIMITS.rows) - rows,
    });
    rows += table.rows.length;
    tables.push(table);
  }
  return tables;
}

export { isZip };
