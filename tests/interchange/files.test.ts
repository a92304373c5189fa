import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  cellDate,
  cellInteger,
  cellText,
  neutralise,
  restoreText,
} from '../../api/src/interchange/cells.ts';
import { FileProblem } from '../../api/src/interchange/file-problem.ts';
import { readImportFile } from '../../api/src/interchange/read-file.ts';
import { readCsv, readXlsx } from '../../api/src/interchange/tables.ts';
import { unpackZip } from '../../api/src/interchange/zip.ts';
import { zipBomb } from '../helpers/zip-bomb.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

async function problemOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof FileProblem) return error.code;
    throw error;
  }
  return 'none';
}

describe('cells', () => {
  it('neutralises formula starts on export and reads them back exactly', () => {
    for (const text of [
      '=SUM(A1:A9)',
      '+45 12 34 56',
      '-Kommunen',
      '@import',
      "'=already quoted",
      "''=twice",
      'plain',
      "'ok",
    ]) {
      const written = neutralise(text);
      expect(/^[=+\-@]/.test(written)).toBe(false);
      expect(restoreText(written)).toBe(text);
    }
    expect(neutralise('=1+1')).toBe("'=1+1");
  });

  it('reads whole numbers with Danish or English grouping, and refuses decimals', () => {
    expect(cellInteger('1.500.000')).toBe(1_500_000);
    expect(cellInteger('1,500,000')).toBe(1_500_000);
    expect(cellInteger('1 500 000')).toBe(1_500_000);
    expect(cellInteger(42)).toBe(42);
    expect(cellInteger('1,5')).toEqual({ code: 'not_whole' });
    expect(cellInteger(2.5)).toMatchObject({ code: 'not_whole' });
    expect(cellInteger('high')).toEqual({ code: 'not_a_number' });
  });

  it('reads dates from ISO text, Danish day-first text, date cells and serial numbers', () => {
    expect(cellDate('2024-03-01')).toBe('2024-03-01');
    expect(cellDate('1.3.2024')).toBe('2024-03-01');
    expect(cellDate('01-03-2024')).toBe('2024-03-01');
    expect(cellDate(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03-01');
    expect(cellDate(45352)).toBe('2024-03-01');
    expect(cellDate('2024-02-30')).toEqual({ code: 'not_a_date' });
    expect(cellDate('03/01/2024')).toEqual({ code: 'not_a_date' });
    expect(cellText('  two\r\nlines  ')).toBe('two\nlines');
  });
});

describe('CSV', () => {
  it('reads quotes, doubled quotes, line breaks in cells and the semicolons of a Danish Excel', () => {
    const table = readCsv(
      bytes(
        '\ufeffNavn;Beskrivelse;Indflydelse\r\n"Kommunen; forvaltning";"Sagde ""ja""\nto gange";3\r\n\r\n;;\r\nBeboerne;;5\r\n',
      ),
      'Aktører',
    );
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['Navn', 'Beskrivelse', 'Indflydelse'],
      ['Kommunen; forvaltning', 'Sagde "ja"\nto gange', 3],
      ['Beboerne', null, 5],
    ]);
    expect(table.rows.map((row) => row.row)).toEqual([1, 2, 5]);
  });

  it('reads Windows-1252 text from older Excel versions', () => {
    const latin = Uint8Array.from([
      0x4e, 0x61, 0x76, 0x6e, 0x0a, 0xc6, 0x62, 0x6c, 0x65, 0x67, 0xe5, 0x72, 0x64,
    ]);
    expect(readCsv(latin, 'x').rows[1]!.cells).toEqual(['Æblegård']);
  });
});

describe('workbooks from other programs', () => {
  /** A workbook of two named sheets, as exceljs writes it, unpacked. */
  async function workbookParts(): Promise<Record<string, Uint8Array>> {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Aktører').addRows([['Navn'], ['VIBO']]);
    workbook.addWorksheet('Tilsagn').addRows([['Aktør'], ['AKB, Taastrup']]);
    return unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  }
  const firstCells = (tables: { name: string; rows: { cells: unknown[] }[] }[]) =>
    tables.map((table) => [table.name, table.rows[1]?.cells[0]]);

  it('keeps the sheet names of a workbook whose relationships point from the package root, as openpyxl (and so pandas) writes them', async () => {
    const parts = await workbookParts();
    const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']!);
    expect(rels).toContain('Target="worksheets/sheet1.xml"');
    parts['xl/_rels/workbook.xml.rels'] = strToU8(
      rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'),
    );
    expect(firstCells(await readXlsx(zipSync(parts)))).toEqual([
      ['Aktører', 'VIBO'],
      ['Tilsagn', 'AKB, Taastrup'],
    ]);
  });

  it('reads worksheets whatever their parts are called', async () => {
    const parts = await workbookParts();
    const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']!);
    const types = strFromU8(parts['[Content_Types].xml']!);
    for (const [from, to] of [
      ['sheet1.xml', 'actors.xml'],
      ['sheet2.xml', 'sheet1.xml'],
    ] as const) {
      parts[`xl/worksheets/${to}-new`] = parts[`xl/worksheets/${from}`]!;
      delete parts[`xl/worksheets/${from}`];
    }
    for (const name of Object.keys(parts).filter((name) => name.endsWith('-new'))) {
      parts[name.slice(0, -4)] = parts[name]!;
      delete parts[name];
    }
    parts['xl/_rels/workbook.xml.rels'] = strToU8(
      rels
        .replace('worksheets/sheet1.xml', 'worksheets/actors.xml')
        .replace('worksheets/sheet2.xml', 'worksheets/sheet1.xml'),
    );
    parts['[Content_Types].xml'] = strToU8(
      types
        .replace('/xl/worksheets/sheet1.xml', '/xl/worksheets/actors.xml')
        .replace('/xl/worksheets/sheet2.xml', '/xl/worksheets/sheet1.xml'),
    );
    expect(firstCells(await readXlsx(zipSync(parts)))).toEqual([
      ['Aktører', 'VIBO'],
      ['Tilsagn', 'AKB, Taastrup'],
    ]);
  });
});

describe('files that are not what they say', () => {
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  ]);

  it('refuses a PNG named .xlsx, .csv or .json', async () => {
    for (const name of ['actors.xlsx', 'actors.csv', 'backup.json', 'noname']) {
      expect(await problemOf(() => readImportFile({ bytes: png, filename: name }))).toBe(
        'unreadable_file',
      );
    }
  });

  it('refuses a zip that is no workbook, and JSON that is neither backup nor blueprint', async () => {
    const zip = zipSync({ 'readme.txt': strToU8('hello') });
    expect(await problemOf(() => readImportFile({ bytes: zip, filename: 'x.xlsx' }))).toBe(
      'unreadable_file',
    );
    expect(
      await problemOf(() => readImportFile({ bytes: bytes('{"hello": 1}'), filename: 'x.json' })),
    ).toBe('not_a_backup');
    expect(
      await problemOf(() => readImportFile({ bytes: bytes('{"broken'), filename: 'x.json' })),
    ).toBe('unreadable_file');
  });

  it('stops a zip bomb by what it inflates to, whatever its headers claim', async () => {
    // 64 MB of zeros whose headers claim 1 KB.
    const bomb = new Uint8Array(zipBomb('xl/worksheets/sheet1.xml', 64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(256 * 1024);
    const limits = { unpackedBytes: 32 * 1024 * 1024, entries: 10, ratio: 1e9, ratioAfter: 0 };
    await expect(unpackZip(bomb, () => false, limits)).rejects.toMatchObject({
      code: 'zip_too_large',
    });
    const roomy = { ...limits, unpackedBytes: 65 * 1024 * 1024 };
    expect((await unpackZip(bomb, () => false, roomy)).names).toEqual(['xl/worksheets/sheet1.xml']);
    // A thousand to one gives it away long before the size limit.
    const ratio = { ...roomy, ratio: 250, ratioAfter: 8 * 1024 * 1024 };
    await expect(unpackZip(bomb, () => false, ratio)).rejects.toMatchObject({
      code: 'zip_too_large',
    });
    // A workbook's own packing passes.
    const honest = zipSync({ 'a.xml': strToU8('<row><c>1</c></row>'.repeat(200_000)) });
    expect((await unpackZip(honest, () => true)).files.get('a.xml')!.length).toBe(19 * 200_000);
  });

  it('counts rows across sheets and refuses more than the limit', async () => {
    const lines = ['Navn,Sektor', ...Array.from({ length: 100_001 }, (_, i) => `Aktør ${i},other`)];
    expect(
      await problemOf(() =>
        readImportFile({ bytes: bytes(lines.join('\n')), filename: 'Aktører.csv' }),
      ),
    ).toBe('too_many_rows');
  });
});
