import { IMPORT_LIMITS, type ImportSource, type KumuMapping } from '../../../graph-schema/index.ts';
import { modelOfSheet } from './columns.ts';
import { FileProblem } from './file-problem.ts';
import type { ImportSet } from './import-set.ts';
import { isBlueprint, looksKumu, readBlueprint, readKumuTables } from './kumu-read.ts';
import { isBackup, looksSamspil, readBackup, readSamspilTables } from './samspil-read.ts';
import {
  decodeText,
  isZip,
  looksBinary,
  readCsv,
  readCsvZip,
  readXlsx,
  type ReadOptions,
  type Table,
} from './tables.ts';
import { unpackZip } from './zip.ts';

export interface ImportFile {
  bytes: Uint8Array;
  filename: string;
  /** Whose layout the file follows; found from the file when not given. */
  source?: ImportSource;
  mapping?: KumuMapping;
  onRows?: ReadOptions['onRows'];
}

type Kind = 'xlsx' | 'csv' | 'zip' | 'json';

const EXTENSIONS: Record<string, Kind> = {
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  csv: 'csv',
  txt: 'csv',
  tsv: 'csv',
  zip: 'zip',
  json: 'json',
};

const EXPECTED: Record<Kind, string> = {
  xlsx: 'XLSX',
  csv: 'CSV',
  zip: 'zip',
  json: 'JSON',
};

/** What the bytes are, whatever the name says: a zip (XLSX or CSV files), JSON or text. */
async function sniff(bytes: Uint8Array): Promise<Kind | null> {
  if (isZip(bytes)) {
    const { names } = await unpackZip(bytes);
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return names.some((name) => /\.csv$/i.test(name)) ? 'zip' : null;
  }
  const text = decodeText(bytes.subarray(0, 65536));
  if (text.trim() === '' || looksBinary(text)) return null;
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

function fromTables(tables: Table[], format: 'xlsx' | 'csv', file: ImportFile): ImportSet {
  const single = tables.length === 1 && format === 'csv';
  const source =
    file.source ?? (looksSamspil(tables) ? 'samspil' : looksKumu(tables) ? 'kumu' : 'samspil');
  if (source === 'kumu') return readKumuTables(tables, format, file.mapping);
  return readSamspilTables(tables, format, { single });
}

function fromJson(bytes: Uint8Array, file: ImportFile): ImportSet {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(bytes));
  } catch {
    throw new FileProblem('unreadable_file', { expected: 'JSON' });
  }
  const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  if (isBackup(json) && file.source !== 'kumu') {
    const content = (json.content ?? {}) as Record<string, unknown>;
    const rows = Object.values(content).reduce<number>((sum, items) => sum + count(items), 0);
    if (rows > IMPORT_LIMITS.rows)
      throw new FileProblem('too_many_rows', { limit: IMPORT_LIMITS.rows });
    return readBackup(json);
  }
  if (isBlueprint(json)) {
    if (count(json.elements) + count(json.connections) > IMPORT_LIMITS.rows) {
      throw new FileProblem('too_many_rows', { limit: IMPORT_LIMITS.rows });
    }
    return readBlueprint(json, file.mapping);
  }
  throw new FileProblem('not_a_backup');
}

/**
 * Reads an uploaded file into import rows. The content decides, not the name: a file whose name
 * promises one format and whose bytes are another (a PNG named `.xlsx`) is refused, as is one
 * that is none of Samspil's or Kumu's formats. Throws a `FileProblem`.
 */
export async function readImportFile(file: ImportFile): Promise<ImportSet> {
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  const claimed = EXTENSIONS[extension];
  const actual = await sniff(file.bytes);
  if (!actual || (claimed && claimed !== actual && !(claimed === 'csv' && actual === 'json'))) {
    throw new FileProblem('unreadable_file', { expected: EXPECTED[claimed ?? actual ?? 'xlsx'] });
  }
  const kind = claimed === 'csv' ? 'csv' : actual;
  const options = { onRows: file.onRows };
  switch (kind) {
    case 'xlsx':
      return fromTables(await readXlsx(file.bytes, options), 'xlsx', file);
    case 'zip':
      return fromTables(await readCsvZip(file.bytes, options), 'csv', file);
    case 'json':
      return fromJson(file.bytes, file);
    default: {
      const stem = file.filename.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'csv';
      const table = readCsv(file.bytes, stem, options);
      // A CSV named after a Samspil sheet is that sheet, whatever its columns look like.
      const named = modelOfSheet(stem) ? { ...file, source: file.source ?? 'samspil' } : file;
      return fromTables([table], 'csv', named as ImportFile);
    }
  }
}
