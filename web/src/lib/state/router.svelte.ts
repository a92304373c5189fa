import {
  MAP_VIEWS,
  viewStateFromParams,
  viewStateToParams,
  type MapView,
  type ViewState,
} from '../../../../graph-schema/view-state.ts';

export const VIEWS = MAP_VIEWS;
export type View = MapView;

/** What the URL holds of a map view besides the view and the selection (see view-state.ts). */
export type RouteState = Omit<ViewState, 'view' | 'select'>;

export type Route =
  | { name: 'home' }
  | { name: 'maps' }
  | {
      name: 'map';
      mapId: string;
      view: View;
      select?: string;
      state?: RouteState;
      share?: string;
    }
  | { name: 'signIn'; link?: string }
  | { name: 'invite'; token: string };

/**
 * `#/maps` → the list; `#/maps/<id>[/<view>][?select=<id>&sector=…&asOf=…&pick=…]` → one map,
 * with what is looked at (graph-schema/view-state.ts); `?map=<id>` in the query string also opens
 * a map; anything else is `home`, which picks a map to open.
 */
export function parseRoute(hash: string, search = ''): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (segments[0] === 'sign-in') {
    const link = params.get('link') ?? undefined;
    return { name: 'signIn', ...(link ? { link } : {}) };
  }
  if (segments[0] === 'invite' && segments[1]) return { name: 'invite', token: segments[1] };
  if (segments[0] === 'maps') {
    if (!segments[1]) return { name: 'maps' };
    const view = (VIEWS as readonly string[]).includes(segments[2] ?? '')
      ? (segments[2] as View)
      : 'map';
    const { select, view: _view, ...state } = viewStateFromParams(params);
    const share = params.get('share') ?? undefined;
    return {
      name: 'map',
      mapId: segments[1],
      view,
      ...(select ? { select } : {}),
      ...(Object.keys(state).length ? { state } : {}),
      ...(share ? { share } : {}),
    };
  }
  const fromQuery = new URLSearchParams(search).get('map');
  if (fromQuery) return { name: 'map', mapId: fromQuery, view: 'map' };
  return { name: 'home' };
}

export function formatRoute(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'maps') return '#/maps';
  if (route.name === 'signIn') return route.link ? `#/sign-in?link=${route.link}` : '#/sign-in';
  if (route.name === 'invite') return `#/invite/${route.token}`;
  const base = `#/maps/${encodeURIComponent(route.mapId)}`;
  const path = route.view === 'map' ? base : `${base}/${route.view}`;
  const params = viewStateToParams({ ...route.state, select: route.select });
  // Commas separate list values; left as they are, a link stays readable.
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `${path}?${query}` : path;
}

/** The current route, following `location.hash`. */
export class RouterState {
  route = $state.raw<Route>({ name: 'home' });

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

  /** Navigates; `replace` keeps the history entry (the automatic first choice, view changes). */
  go(route: Route, replace = false): void {
    const win = this.win;
    const hash = formatRoute(route);
    if (formatRoute(this.route) !== hash) this.route = parseRoute(hash);
    if (!win) return;
    if (replace) {
      if (win.location.hash !== hash) {
        win.history.replaceState(win.history.state, '', `${win.location.pathname}${hash}`);
      }
    } else if (win.location.hash !== hash) win.location.hash = hash;
  }
}
