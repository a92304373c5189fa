import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { callerOf, credentialHeaders, type Credential, type Json } from './app.ts';

/** A multipart/form-data body with one file part named `file` and any text fields. */
export function multipart(
  file: Uint8Array | null,
  filename: string,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----samspil${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(file),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * `POST …/import` with a file, as `credential` (by default as `call` goes), answering status,
 * JSON body and headers.
 */
export async function upload(
  app: FastifyInstance,
  url: string,
  file: Uint8Array | null,
  filename: string,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
  credential: Credential = callerOf(app),
) {
  const body = multipart(file, filename, fields);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload: body.payload,
    headers: { ...credentialHeaders(credential), ...body.headers, ...headers },
  });
  return {
    status: response.statusCode,
    body: JSON.parse(response.body) as Json,
    headers: response.headers,
  };
}

/** `GET …/export` as `credential` (by default as `call` goes), answering the file's bytes. */
export async function download(
  app: FastifyInstance,
  mapId: string,
  query: string,
  credential: Credential = callerOf(app),
) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/maps/${mapId}/export?${query}`,
    headers: credentialHeaders(credential),
  });
  if (response.statusCode !== 200) {
    throw new Error(`export ${query} → ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  return { bytes: new Uint8Array(response.rawPayload), headers: response.headers };
}
