import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

export interface SecurityOptions {
  /** `Host` names served besides the loopback names, without ports. */
  allowedHosts: string[];
  /** Writes per client address and minute. */
  writesPerMinute: number;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A host name as compared: lower case, no trailing dot, an IPv6 address in brackets. */
export function normalizeHost(name: string): string {
  const host = name.trim().toLowerCase().replace(/\.$/, '');
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The name in a `Host` header, without its port; `null` when the header is no host at all. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::\d{1,5})?$/i.exec(header.trim());
  return match ? normalizeHost(match[1]!) : null;
}

/**
 * Two libraries insert one fixed stylesheet each. They are allowed by the hash of their exact text
 * rather than by `'unsafe-inline'`, so no other inline style can apply; if a library changes
 * its text, the browser test of the CSP reports the violation.
 */
const LIBRARY_STYLESHEETS = [
  // Cytoscape.js, when it first renders a graph into its container.
  '.__________cytoscape_container { position: relative; }',
  // Swagger UI's logo in the top bar of /docs, an SVG with its own <style>.
  '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}',
];

const styleHash = (text: string) =>
  `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The content security policy of the web app and the API docs: everything from this origin, no
 * inline script anywhere (`script-src-attr 'none'`), no framing. Neither the web app's build nor
 * Swagger UI has inline script; Svelte and Cytoscape set element styles through the CSSOM,
 * which style-src does not govern. `data:` images are the favicon and Swagger UI's icons. There
 * is no `upgrade-insecure-requests`: the app is served over plain HTTP on loopback, where
 * upgrading would break every request.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", ...LIBRARY_STYLESHEETS.map(styleHash)],
};

/**
 * The exposure of the HTTP edge:
 * - only requests addressed to a served `Host` name are answered (421 otherwise): a page on
 *   another site that rebinds its DNS name to 127.0.0.1 still sends its own name, so it cannot
 *   drive the API from a victim's browser;
 * - security headers on every response (`/`, `/api/v1`, `/docs`), errors included;
 * - a rate limit on writes per client address, with `Retry-After` on a 429.
 */
export default fp<SecurityOptions>(
  async (fastify, options) => {
    const served = new Set([...LOOPBACK, ...options.allowedHosts.map(normalizeHost)]);

    await fastify.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // The app never terminates TLS itself; a proxy in front that does should send HSTS.
      strictTransportSecurity: false,
    });

    fastify.addHook('onRequest', async (request, reply) => {
      const name = hostName(request.headers.host);
      if (name !== null && served.has(name)) return;
      // 421 Misdirected Request (RFC 9110 §15.5.20): this server will not answer for that
      // name. It is not the client's syntax that is wrong, which 400 would say.
      return reply.status(421).send({
        error: 'host_not_allowed',
        message:
          'This server does not answer for that host name. Add it to ALLOWED_HOSTS if it should.',
        details: [{ header: 'host', value: request.headers.host ?? null }],
      });
    });

    // Routes without a write method skip the limiter's hook altogether, not only its count:
    // the hook costs about 0.1 ms a request, a third of what a small read takes here.
    fastify.addHook('onRoute', (route) => {
      const methods = [route.method].flat().map((method) => method.toUpperCase());
      if (!methods.some((method) => WRITES.has(method))) {
        route.config = { ...route.config, rateLimit: false };
      }
    });
    await fastify.register(rateLimit, {
      global: true,
      max: options.writesPerMinute,
      timeWindow: 60_000,
      allowList: (request: FastifyRequest) => !WRITES.has(request.method),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          429,
          'rate_limited',
          `Too many changes from this address (at most ${context.max} a minute). Try again in ${context.after}.`,
          [{ limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) }],
        ),
    });
  },
  { name: 'security' },
);
