import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { ulid } from 'ulid';
import {
  BackupSchema,
  EXPORT_FORMATS,
  IMPORT_LIMITS,
  IMPORT_SOURCES,
  ImportProgressSchema,
  ImportRefusedSchema,
  ImportReportSchema,
  LOCALES,
  MapSchema,
  Nullable,
  StringEnum,
  type ExportFormat,
  type ImportFormat,
  type ImportReport,
  type ImportSource,
  type KumuMapping,
  type Locale,
  type MapCreate,
} from '../../../graph-schema/index.ts';
import { pickLang } from '../analysis/i18n.ts';
import { today } from '../db/values.ts';
import { AppError, errors } from '../errors.ts';
import { backup } from '../interchange/backup.ts';
import { decide, unreadable, type Decision } from '../interchange/decide.ts';
import type { ExportInput } from '../interchange/export-rows.ts';
import { FileProblem } from '../interchange/file-problem.ts';
import type { ImportSet } from '../interchange/import-set.ts';
import { kumuWorkbook } from '../interchange/kumu-write.ts';
import { gexf, graphml } from '../interchange/network-write.ts';
import { ProgressBoard } from '../interchange/progress.ts';
import { readImportFile } from '../interchange/read-file.ts';
import { validateMapCreate, validateMapping } from '../interchange/validate.ts';
import { samspilCsvZip, samspilWorkbook } from '../interchange/workbook-write.ts';
import { fingerprint, type WriteContext } from '../repositories/map-write.ts';
import type { PreparedImport } from '../repositories/import-repository.ts';
import { errorResponses, MapParams } from './common.ts';
import { IdempotencyHeaders, writeContext } from './write-context.ts';

/**
 * Data in and out of a map (docs/import-export.md): exports in six formats, and imports of
 * Samspil's workbook, CSV and backup and of Kumu's workbook and blueprint, each with a dry run.
 * The routes read the request and shape the answer; the interchange room reads and writes the
 * files and decides, and the import repository writes.
 */

const MEDIA: Record<ExportFormat, { type: string; extension: string }> = {
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  csv: { type: 'application/zip', extension: 'zip' },
  json: { type: 'application/json', extension: 'json' },
  kumu: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'kumu.xlsx',
  },
  gexf: { type: 'application/gexf+xml', extension: 'gexf' },
  graphml: { type: 'application/graphml+xml', extension: 'graphml' },
};

const Binary = { schema: Type.String({ format: 'binary' }) };

const ExportResponse = {
  description: 'The map as a file (`Content-Disposition: attachment`)',
  content: {
    [MEDIA.xlsx.type]: Binary,
    [MEDIA.csv.type]: Binary,
    [MEDIA.json.type]: { schema: BackupSchema },
    [MEDIA.gexf.type]: Binary,
    [MEDIA.graphml.type]: Binary,
  },
};

const Lang = Type.Optional(StringEnum(LOCALES, 'The language of headers and messages'));

const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({ default: false, description: 'Check and report only; nothing is written' }),
    ),
    skipInvalid: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Import the valid rows and report the rest, instead of importing nothing',
      }),
    ),
    source: Type.Optional(
      StringEnum(IMPORT_SOURCES, 'Whose layout the file follows (default: found from the file)'),
    ),
    lang: Lang,
    progress: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_-]{8,64}$',
        description:
          'A token of your choosing: `GET /imports/{token}/progress` tells how far the import has come',
      }),
    ),
  },
  { additionalProperties: false },
);
type ImportQuery = {
  dryRun?: boolean;
  skipInvalid?: boolean;
  source?: ImportSource;
  lang?: Locale;
  progress?: string;
};

const LIMITS_TEXT = `At most ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB (else 413 \`file_too_large\`) and ${IMPORT_LIMITS.rows.toLocaleString('en')} rows; a zip (an XLSX workbook is one) may unpack to at most ${IMPORT_LIMITS.unpackedBytes / 1024 / 1024} MB.`;

const uploadBody = (withName: boolean) => ({
  content: {
    'multipart/form-data': {
      schema: Type.Object(
        {
          file: Type.String({
            format: 'binary',
            description: `An XLSX workbook, a CSV file, a zip of CSV files or a JSON backup or blueprint. ${LIMITS_TEXT}`,
          }),
          mapping: Type.Optional(
            Type.String({
              maxLength: 200_000,
              description:
                'Kumu only: the type mapping as JSON (`KumuMapping`); the report shows the one used',
            }),
          ),
          ...(withName
            ? {
                name: Type.Optional(
                  Type.String({
                    minLength: 1,
                    maxLength: 200,
                    description: 'The new map’s name (default: the backup’s, else the file’s)',
                  }),
                ),
              }
            : {}),
        },
        { additionalProperties: false },
      ),
    },
  },
});

interface Upload {
  bytes: Uint8Array;
  filename: string;
  fields: Record<string, string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    upload?: Upload;
  }
}

const fileTooLarge = () =>
  new AppError(
    413,
    'file_too_large',
    `The file is larger than ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB.`,
    [{ limit: IMPORT_LIMITS.fileBytes }],
  );

const notAnUpload = () =>
  new AppError(
    415,
    'unsupported_media_type',
    'Send the file as multipart/form-data, in a part named "file".',
    [{ field: 'file' }],
  );

/**
 * Reads the multipart upload before validation, so the body Ajv checks is its fields with the
 * file's name in place of its bytes, and the bytes wait on the request.
 */
async function readUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const fields: Record<string, string> = {};
  let file: Upload | null = null;
  try {
    for await (const part of request.parts({
      limits: {
        fileSize: IMPORT_LIMITS.fileBytes,
        files: 1,
        fields: 5,
        fieldSize: 200_000,
        parts: 6,
      },
    })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file')
          file = { bytes: new Uint8Array(bytes), filename: part.filename ?? '', fields };
        continue;
      }
      if (part.valueTruncated) {
        throw new AppError(413, 'field_too_large', `The field "${part.fieldname}" is too long.`, [
          { field: part.fieldname },
        ]);
      }
      fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    if (statusCode === 413) {
      throw new AppError(
        413,
        'too_many_parts',
        'The upload has too many parts; send one file.',
        [],
      );
    }
    throw new AppError(
      400,
      'malformed_upload',
      'The upload is not well-formed multipart/form-data.',
      [],
    );
  }
  request.upload = file ?? { bytes: new Uint8Array(), filename: '', fields };
  request.body = { ...fields, ...(file ? { file: file.filename || 'file' } : {}) };
}

function mappingOf(upload: Upload): KumuMapping | undefined {
  const text = upload.fields.mapping;
  if (text === undefined) return undefined;
  let mapping: unknown;
  try {
    mapping = JSON.parse(text);
  } catch {
    throw errors.invalid(
      [{ path: '/mapping', message: 'is not JSON', keyword: 'format' }],
      'The mapping is not JSON.',
    );
  }
  const problems = validateMapping(mapping);
  if (problems.length) throw errors.invalid(problems, 'The mapping is not valid.');
  return mapping as KumuMapping;
}

/** A refused import: 400 (413 for size) with the report that says why. */
class ImportRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly report: ImportReport,
  ) {
    super(code);
  }
  send(reply: FastifyReply) {
    const first = this.report.problems.find((problem) => problem.level === 'error');
    return reply.status(this.status).send({
      error: this.code,
      message: first ? first.message : 'The file cannot be imported.',
      details: this.report.problems.filter((problem) => problem.level === 'error'),
      report: this.report,
    });
  }
}

const formatOf = (filename: string): ImportFormat =>
  /\.json$/i.test(filename) ? 'json' : /\.(csv|zip|txt|tsv)$/i.test(filename) ? 'csv' : 'xlsx';

/** A safe file name for `Content-Disposition`: the map's name, the date and the extension. */
function fileName(name: string, extension: string): { ascii: string; utf8: string } {
  const base = `${name.trim() || 'samspil'} ${today()}`
    // eslint-disable-next-line no-control-regex -- control characters never go into a file name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim();
  const ascii =
    base
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/\s+/g, '-')
      .replace(/"/g, '') || 'samspil';
  return {
    ascii: `${ascii}.${extension}`,
    utf8: `${encodeURIComponent(base.replace(/\s+/g, '-'))}.${extension}`,
  };
}

const interchange: FastifyPluginAsync = async (fastify) => {
  // Multipart only here: the rest of the API speaks JSON and answers 415 to anything else.
  await fastify.register(multipart, { limits: { fileSize: IMPORT_LIMITS.fileBytes } });
  const board = new ProgressBoard();
  const imports = fastify.repos.imports;

  /** Known from the first byte of the upload, so a client may ask while the file is sent. */
  async function announce(request: FastifyRequest): Promise<void> {
    const token = (request.query as { progress?: unknown }).progress;
    if (typeof token === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(token)) {
      board.set(token, { phase: 'reading', done: 0, total: 0 });
    }
  }

  fastify.get(
    '/maps/:mapId/export',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['data'],
        summary: 'Export a map',
        description:
          '`xlsx`: Samspil’s workbook (a README sheet, one sheet per kind, headers in `lang`); `csv`: the same as a zip of CSV files; `json`: a full backup; `kumu`: a workbook Kumu imports; `gexf`: GEXF 1.3, dynamic by the facts’ validity; `graphml`: GraphML. Text cells beginning with `=`, `+`, `-` or `@` are written with an apostrophe in front, so no spreadsheet runs them as formulas.',
        params: MapParams,
        querystring: Type.Object(
          {
            format: Type.Optional(StringEnum(EXPORT_FORMATS, 'Default `xlsx`')),
            lang: Lang,
          },
          { additionalProperties: false },
        ),
        response: { 200: ExportResponse, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { mapId } = request.params as { mapId: string };
      const { format = 'xlsx', lang } = request.query as { format?: ExportFormat; lang?: Locale };
      const snapshot = await fastify.repos.snapshots.load(mapId);
      const layout = (await fastify.repos.maps.getLayout(mapId))?.positions ?? {};
      const { map, ...content } = snapshot;
      const input: ExportInput = {
        map,
        content: content as unknown as ExportInput['content'],
        layout,
        lang: lang ?? map.locale,
        exportedAt: new Date().toISOString(),
      };
      const body = await exportFile(format, input);
      const media = MEDIA[format];
      const name = fileName(map.name, media.extension);
      return reply
        .header('content-type', media.type)
        .header(
          'content-disposition',
          `attachment; filename="${name.ascii}"; filename*=UTF-8''${name.utf8}`,
        )
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  const importSchema = (withName: boolean, answer: Record<number, TSchema>) => ({
    tags: ['data'],
    consumes: ['multipart/form-data'],
    headers: IdempotencyHeaders,
    querystring: ImportQuery,
    body: uploadBody(withName),
    response: {
      ...answer,
      400: ImportRefusedSchema,
      413: ImportRefusedSchema,
      ...errorResponses(404, 409, 415, 422),
    } as Record<number, TSchema>,
  });

  /** Reads the upload into import rows; a file that cannot be read is refused with its report. */
  async function readSet(
    request: FastifyRequest,
    query: ImportQuery,
    lang: Locale,
  ): Promise<ImportSet> {
    const upload = request.upload;
    if (!upload) throw notAnUpload();
    if (upload.bytes.length === 0) {
      throw errors.invalid(
        [{ path: '/file', message: 'is required', keyword: 'required' }],
        'Send the file in a part named "file".',
      );
    }
    const mapping = mappingOf(upload);
    if (query.progress) board.set(query.progress, { phase: 'reading', done: 0, total: 0 });
    try {
      return await readImportFile({
        bytes: upload.bytes,
        filename: upload.filename,
        source: query.source,
        mapping,
        onRows: (rows) =>
          query.progress && board.set(query.progress, { phase: 'reading', done: rows, total: 0 }),
      });
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      const report = unreadable(error, formatOf(upload.filename), lang);
      throw new ImportRefused(error.code === 'file_too_large' ? 413 : 400, error.code, report);
    }
  }

  function context(request: FastifyRequest): WriteContext {
    const base = writeContext(request);
    if (!base.idempotency) return base;
    // The body is the file: the same key with another file (or other options) is refused.
    const upload = request.upload;
    return {
      ...base,
      idempotency: {
        ...base.idempotency,
        fingerprint: fingerprint({
          query: request.query,
          fields: upload?.fields,
          file: upload ? Buffer.from(upload.bytes).toString('base64') : null,
        }),
      },
    };
  }

  function prepared(
    set: ImportSet,
    query: ImportQuery,
    lang: Locale,
    progress: string | undefined,
  ): (content: Parameters<typeof decide>[1]) => PreparedImport<ImportReport> {
    return (content) => {
      if (progress) board.set(progress, { phase: 'checking', done: 0, total: set.rows.length });
      const decision: Decision = decide(set, content, {
        newId: ulid,
        today: today(),
        skipInvalid: query.skipInvalid ?? false,
        lang,
      });
      return {
        writes: decision.plan.writes,
        layout: decision.layout,
        refusal: decision.refused
          ? new ImportRefused(
              400,
              'import_refused',
              decision.report({ dryRun: false, applied: false, mapId: null, changeId: null }),
            )
          : null,
        answer: (changeId, mapId) =>
          decision.report({ dryRun: false, applied: changeId !== null, mapId, changeId }),
      };
    };
  }

  const track = (progress: string | undefined) =>
    progress
      ? (value: Parameters<ProgressBoard['set']>[1]) => board.set(progress, value)
      : undefined;

  fastify.post(
    '/maps/:mapId/import',
    {
      config: { access: 'editor' },
      onRequest: announce,
      preValidation: readUpload,
      schema: {
        ...importSchema(false, { 200: ImportReportSchema }),
        summary: 'Import a file into a map',
        description:
          'Rows match by `ID`, else by name and kind (an actor also by its type), else by name; references resolve by id or name, within the file and against the map. A real import is all or nothing: if any row has an error, nothing is written and the answer is 400 with the report, unless `skipInvalid=true`. A dry run answers what the import would, and writes nothing. Reverting the report’s `changeId` (`POST /maps/{mapId}/history/{changeId}/revert`) undoes the import.',
        params: MapParams,
      },
    },
    async (request, reply) => {
      const { mapId } = request.params as { mapId: string };
      const query = request.query as ImportQuery;
      const lang = pickLang(query.lang, request.headers['accept-language']);
      try {
        const set = await readSet(request, query, lang);
        if (query.dryRun) {
          const content = await imports.content(mapId);
          const decision = decide(set, content, {
            newId: ulid,
            today: today(),
            skipInvalid: query.skipInvalid ?? false,
            lang,
          });
          const report = decision.report({ dryRun: true, applied: false, mapId, changeId: null });
          if (decision.refused) throw new ImportRefused(400, 'import_refused', report);
          return report;
        }
        const write = context(request);
        const report = await imports.importInto(
          mapId,
          write,
          prepared(set, query, lang, query.progress),
          track(query.progress),
        );
        if (write.replayed) reply.header('idempotent-replayed', 'true');
        return { ...report, mapId };
      } catch (error) {
        if (error instanceof ImportRefused) return error.send(reply);
        throw error;
      } finally {
        if (query.progress) board.finish(query.progress);
      }
    },
  );

  fastify.post(
    '/maps/import',
    {
      config: { access: 'admin' },
      onRequest: announce,
      preValidation: readUpload,
      schema: {
        ...importSchema(true, {
          200: Type.Object(
            { map: Nullable(MapSchema), report: ImportReportSchema },
            { additionalProperties: false, description: 'A dry run: no map is made' },
          ),
          201: Type.Object(
            { map: MapSchema, report: ImportReportSchema },
            { additionalProperties: false },
          ),
        }),
        summary: 'Make a new map from a file',
        description:
          'As importing into a map, into a new one: a backup (`format=json`) brings the map’s own name, settings and layout; for other files the map is named by `name` or the file. The map and its content are made in one transaction.',
      },
    },
    async (request, reply) => {
      const query = request.query as ImportQuery;
      const lang = pickLang(query.lang, request.headers['accept-language']);
      try {
        const set = await readSet(request, query, lang);
        const upload = request.upload!;
        const input = mapInput(set, upload, lang);
        const problems = validateMapCreate(input);
        if (problems.length)
          throw errors.invalid(problems, 'The new map’s name or settings are not valid.');
        if (query.dryRun) {
          const decision = decide(
            set,
            {},
            { newId: ulid, today: today(), skipInvalid: query.skipInvalid ?? false, lang },
          );
          const report = decision.report({
            dryRun: true,
            applied: false,
            mapId: null,
            changeId: null,
          });
          if (decision.refused) throw new ImportRefused(400, 'import_refused', report);
          return reply.status(200).send({ map: null, report });
        }
        const write = context(request);
        const { map, answer } = await imports.createMap(
          input,
          write,
          request.auth.user!.id,
          prepared(set, query, lang, query.progress),
          track(query.progress),
        );
        if (write.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send({ map, report: { ...answer, mapId: map.id } });
      } catch (error) {
        if (error instanceof ImportRefused) return error.send(reply);
        throw error;
      } finally {
        if (query.progress) board.finish(query.progress);
      }
    },
  );

  fastify.get(
    '/imports/:token/progress',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['data'],
        summary: 'How far an import in flight has come',
        description:
          'For the `progress` token an import was started with; 404 once it is long done or for a token nobody used.',
        params: Type.Object(
          { token: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }) },
          { additionalProperties: false },
        ),
        response: { 200: ImportProgressSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { token } = request.params as { token: string };
      const progress = board.get(token);
      if (!progress) {
        throw new AppError(404, 'not_found', 'No import with this progress token.', [{ token }]);
      }
      return progress;
    },
  );
};

/** The new map of `POST /maps/import`: a backup's own, else named by the request or the file. */
function mapInput(set: ImportSet, upload: Upload, lang: Locale): MapCreate {
  const stem = upload.filename
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .trim();
  const name = upload.fields.name ?? set.map?.name ?? (stem || 'Import');
  const base = set.map ?? { locale: lang };
  return Object.fromEntries(
    Object.entries({ ...base, name }).filter(([, value]) => value !== undefined && value !== null),
  ) as MapCreate;
}

async function exportFile(format: ExportFormat, input: ExportInput): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return Buffer.from(await samspilWorkbook(input));
    case 'csv':
      return Buffer.from(samspilCsvZip(input));
    case 'json':
      return Buffer.from(JSON.stringify(backup(input)));
    case 'kumu':
      return Buffer.from(await kumuWorkbook(input));
    case 'gexf':
      return Buffer.from(gexf(input));
    case 'graphml':
      return Buffer.from(graphml(input));
  }
}

export default interchange;
