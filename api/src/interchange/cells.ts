/**
 * Cell values as the readers hand them over, and the conversions every format shares: text,
 * whole numbers, dates, lists, and the guard against formula injection.
 */

/** One cell: blank is `null`. A formula cell arrives as its stored result, never evaluated. */
export type Cell = string | number | boolean | Date | null;

/** Why a cell could not be read as what its column holds; the message catalogue words it. */
export interface CellProblem {
  code: string;
  params?: Record<string, string | number>;
}

export const isProblem = (value: unknown): value is CellProblem =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof Date) &&
  typeof (value as CellProblem).code === 'string';

/** `2024-03-01`, from a date cell (taken in UTC, as spreadsheets store no zone). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell as text: trimmed, line breaks as `\n`, blank as null; a date cell as `YYYY-MM-DD`. */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoDate(cell);
  const text = String(cell).replace(/\r\n?/g, '\n').trim();
  return text === '' ? null : restoreText(text);
}

/**
 * A value a spreadsheet program could take for a formula (`=`, `+`, `-`, `@`, or a tab or
 * carriage return first) is written with an apostrophe before it; one that already starts with
 * apostrophes before such a character gets one more, so reading back is exact.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `neutralise`, applied to every text cell an import reads. */
export function restoreText(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const INTEGER_TEXT = /^[+-]?\d+$/;
/** Thousands grouped with `.`, `,`, a space or a no-break space: `1.500.000`, `1 500 000`. */
const GROUPED_TEXT = /^\d{1,3}(?:([., \u00a0\u202f])\d{3})(?:\1\d{3})*$/;

/** A whole number from a number cell or text (`1500000`, `1.500.000`, `1,500,000`). */
export function cellInteger(cell: Cell): number | null | CellProblem {
  if (cell === null) return null;
  if (typeof cell === 'number') {
    return Number.isInteger(cell) ? cell : { code: 'not_whole', params: { value: cell } };
  }
  const text = cellText(cell);
  if (text === null) return null;
  if (INTEGER_TEXT.test(text)) return Number(text);
  if (GROUPED_TEXT.test(text)) return Number(text.replace(/[., \u00a0\u202f]/g, ''));
  if (/^[+-]?\d+[.,]\d+$/.test(text)) return { code: 'not_whole' };
  return { code: 'not_a_number' };
}

/** A number (decimals allowed, `.` or `,` as the decimal mark) from a cell; text otherwise. */
export function cellNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const text = cellText(cell);
  if (text === null) return null;
  if (/^[+-]?\d+$/.test(text) || /^[+-]?\d*\.\d+$/.test(text)) return Number(text);
  return null;
}

/** Days between 1899-12-30 and 1970-01-01: how a spreadsheet's serial dates are counted. */
const SERIAL_EPOCH = 25569;

function validDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return isoDate(date);
}

/**
 * A date from a date cell, a spreadsheet serial number, `YYYY-MM-DD`, or the Danish `D.M.YYYY`
 * and `D-M-YYYY`; a time of day is dropped. Month-first dates are not read, as they cannot be
 * told apart from day-first ones.
 */
export function cellDate(cell: Cell): string | null | CellProblem {
  if (cell === null) return null;
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? { code: 'not_a_date' } : isoDate(cell);
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return { code: 'not_a_date' };
    return isoDate(new Date((cell - SERIAL_EPOCH) * 86_400_000));
  }
  const text = cellText(cell);
  if (text === null) return null;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match) return validDate(+match[1]!, +match[2]!, +match[3]!) ?? { code: 'not_a_date' };
  match = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(text);
  if (match) return validDate(+match[3]!, +match[2]!, +match[1]!) ?? { code: 'not_a_date' };
  return { code: 'not_a_date' };
}

/** Several values in one cell, separated by `|` (as Kumu writes tags); blanks dropped. */
export function cellList(cell: Cell): string[] | null {
  const text = cellText(cell);
  if (text === null) return null;
  const items = text
    .split('|')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length ? items : null;
}

/** An enum value from its code, in any case, with spaces or hyphens for `_`. */
export function cellChoice(cell: Cell, options: readonly string[]): string | null | CellProblem {
  const text = cellText(cell);
  if (text === null) return null;
  const wanted = text.toLowerCase().replace(/[\s-]+/g, '_');
  return (
    options.find((option) => option === wanted) ?? {
      code: 'not_an_option',
      params: { options: options.join(', ') },
    }
  );
}

/** A cell as a custom field's value: a number stays a number, a date becomes `YYYY-MM-DD`. */
export function cellAttribute(cell: Cell): string | number | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return cellText(cell);
}

/** A cell shown in a report: as the file wrote it, at most 200 characters. */
export function shown(cell: unknown): string | null {
  if (cell === null || cell === undefined) return null;
  const text =
    cell instanceof Date
      ? isoDate(cell)
      : typeof cell === 'object'
        ? JSON.stringify(cell)
        : String(cell);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
