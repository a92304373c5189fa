export const VIEWS = ['map', 'backing', 'grid', 'list'] as const;
export type View = (typeof VIEWS)[number];

export type Route =
  { name: 'home' } | { name: 'maps' } | { name: 'map'; mapId: string; view: View; select?: string };

/**
 * `#/maps` → the list; `#/maps/<id>[/<view>][?select=<elementId>]` → one map; `?map=<id>` in the
 * query string also opens a map; anything else is `home`, which picks a map to open.
 */
export function parseRoute(hash: string, search = ''): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === 'maps') {
    if (!segments[1]) return { name: 'maps' };
    const view = (VIEWS as readonly string[]).includes(segments[2] ?? '')
      ? (segments[2] as View)
      : 'map';
    const select = new URLSearchParams(query).get('select') ?? undefined;
    return { name: 'map', mapId: segments[1], view, ...(select ? { select } : {}) };
  }
  const fromQuery = new URLSearchParams(search).get('map');
  if (fromQuery) return { name: 'map', mapId: fromQuery, view: 'map' };
  return { name: 'home' };
}

export function formatRoute(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'maps') return '#/maps';
  const base = `#/maps/${encodeURIComponent(route.mapId)}`;
  const path = route.view === 'map' ? base : `${base}/${route.view}`;
  return route.select ? `${path}?select=${encodeURIComponent(route.select)}` : path;
}

/** The current route, following `location.hash`. */
export class RouterState {
  route = $state<Route>({ name: 'home' });

  constructor(private readonly win: Window | null = typeof window === 'undefined' ? null : window) {
    if (win) this.route = parseRoute(win.location.hash, win.location.search);
  }

  /** Starts following hash changes; returns the function that stops it. */
  listen(): () => void {
    const win = this.win;
    if (!win) return () => {};
    const onChange = () => (this.route = parseRoute(win.location.hash, win.location.search));
    win.addEventListener('hashchange', onChange);
    return () => win.removeEventListener('hashchange', onChange);
  }

  /** Navigates; `replace` keeps the history entry (used for the automatic first choice). */
  go(route: Route, replace = false): void {
    this.route = route;
    const win = this.win;
    if (!win) return;
    const hash = formatRoute(route);
    if (replace) win.history.replaceState(null, '', `${win.location.pathname}${hash}`);
    else if (win.location.hash !== hash) win.location.hash = hash;
  }
}
