/**
 * What a route needs from its caller, declared once on the route (`config: { access }`) and
 * checked by one hook (`plugins/access.ts`); the app does not start while a route lacks it. On a
 * map's routes the role is the caller's role on that map (owner > editor > viewer).
 * - `public`: anyone, signed in or not (health, sign-in).
 * - `authenticated`: any signed-in user, by session or API token (not a share link).
 * - `reader`: a viewer or higher, or a read-only share link of this map: the map's content.
 * - `viewer`, `editor`, `owner`: that role or a higher one on the map; share links are refused,
 *   so they never see members or the history.
 * - `admin`: an instance administrator.
 */
export type Access =
  'public' | 'authenticated' | 'reader' | 'viewer' | 'editor' | 'owner' | 'admin';

/** The levels that are a role on the map named by the route's `:mapId`. */
export const MAP_LEVELS: ReadonlySet<Access> = new Set(['reader', 'viewer', 'editor', 'owner']);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * `false` on a public route that never looks at its caller (`/health`, the docs, the web
     * app's files): no session or token is looked up, so it costs no database read and answers
     * while the database is stalled.
     */
    credentials?: false;
  }
}
