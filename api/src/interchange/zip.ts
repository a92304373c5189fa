import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { IMPORT_LIMITS } from '../../../graph-schema/index.ts';
import { FileProblem } from './file-problem.ts';

export interface ZipLimits {
  unpackedBytes: number;
  entries: number;
  /**
   * What a zip may inflate to per byte it holds, once it has inflated `ratioAfter` bytes: a
   * workbook's XML packs some 5 to 50 times, a bomb a thousand times, so a bomb is stopped
   * early instead of after inflating up to the size limit.
   */
  ratio: number;
  ratioAfter: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  unpackedBytes: IMPORT_LIMITS.unpackedBytes,
  entries: IMPORT_LIMITS.zipEntries,
  ratio: 250,
  ratioAfter: 32 * 1024 * 1024,
};

/** `PK\x03\x04`: a zip file (and so an XLSX workbook) begins so. */
export const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  bytes[2] === 0x03 &&
  bytes[3] === 0x04;

/**
 * Unpacks a zip while counting what it really inflates to, and stops at the limits: the sizes a
 * zip declares can lie, so a zip bomb is caught by the bytes it produces, not by its headers.
 * Keeps the files `keep` asks for and returns every name. It yields to the event loop as it goes,
 * so a big file does not hold up other requests. Throws a `FileProblem` when the zip is broken or
 * too big.
 */
export async function unpackZip(
  bytes: Uint8Array,
  keep: (name: string) => boolean = () => false,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ names: string[]; files: Map<string, Uint8Array> }> {
  const names: string[] = [];
  const chunks = new Map<string, Uint8Array[]>();
  let unpacked = 0;
  let pushed = 0;
  let failure: FileProblem | null = null;
  const tooBig = () =>
    new FileProblem('zip_too_large', { limit: Math.round(limits.unpackedBytes / 1024 / 1024) });
  const unzip = new Unzip((file) => {
    if (failure) return;
    names.push(file.name);
    if (names.length > limits.entries) {
      failure = new FileProblem('too_many_entries', { limit: limits.entries });
      file.terminate();
      return;
    }
    const kept: Uint8Array[] | null = keep(file.name) ? [] : null;
    if (kept) chunks.set(file.name, kept);
    file.ondata = (error, data) => {
      if (failure) return;
      if (error) {
        failure = new FileProblem('unreadable_file', { expected: 'zip' });
        return;
      }
      unpacked += data.length;
      const bomb = unpacked > limits.ratioAfter && unpacked > pushed * limits.ratio;
      if (unpacked > limits.unpackedBytes || bomb) {
        failure = tooBig();
        file.terminate();
        return;
      }
      kept?.push(data);
    };
    try {
      file.start();
    } catch {
      failure = new FileProblem('unreadable_file', { expected: 'zip' });
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  // Feeding in slices lets a bomb be stopped before the rest of it is inflated.
  const step = 64 * 1024;
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += step) {
      pushed = offset + step;
      unzip.push(bytes.subarray(offset, offset + step), offset + step >= bytes.length);
      if ((offset / step) % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
    }
  } catch {
    failure ??= new FileProblem('unreadable_file', { expected: 'zip' });
  }
  if (failure) throw failure;
  const files = new Map<string, Uint8Array>();
  for (const [name, parts] of chunks) files.set(name, concat(parts));
  return { names, files };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
