import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Json } from './app.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON, or the text when it is not JSON. */
  body: Json;
  /** Whether the server closed the connection. */
  closed: boolean;
  /** Milliseconds from the first byte sent until the answer ended or the socket closed. */
  elapsedMs: number;
}

/** The port of an app that listens on loopback. */
export function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening');
  return address.port;
}

/**
 * Sends bytes as they are over a fresh TCP connection, for what `app.inject()` and HTTP clients
 * will not send (a malformed request line, a lying Content-Length, half a body), and reads the
 * first answer. Gives up after `waitMs` with status 0 if nothing came.
 */
export function rawRequest(port: number, bytes: string, waitMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const started = performance.now();
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parse(text), closed, elapsedMs: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const parsed = parse(text);
      const length = Number(parsed.headers['content-length'] ?? NaN);
      if (parsed.status && Buffer.byteLength(parsed.rawBody, 'latin1') >= length) {
        // A complete answer; wait a moment to see whether the server closes the connection.
        setTimeout(() => finish(socket.destroyed || socket.readableEnded), 100);
      }
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(bytes, 'latin1');
  });
}

function parse(text: string) {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: null, rawBody: '' };
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rawBody = text.slice(split + 4);
  let body: unknown = rawBody;
  try {
    body = JSON.parse(Buffer.from(rawBody, 'latin1').toString('utf8'));
  } catch {
    // not JSON: keep the text
  }
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0),
    headers,
    body,
    rawBody,
  };
}
