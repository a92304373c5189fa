import { getContext, setContext } from 'svelte';
import type { Severity } from '../../../../graph-schema/enums.ts';
import { renameViewStateIds, type ViewState } from '../../../../graph-schema/view-state.ts';
import { ApiClient, type Collection } from '../api.ts';
import { collectionNoun } from '../forms.ts';
import { EMPTY_FILTERS, visibleNodeIds } from '../graph/to-elements.ts';
import type { Gap, GraphEdgeData, GraphNodeData } from '../types.ts';
import { AnalysisStore } from './analysis.svelte.ts';
import { BackingStore } from './backing.svelte.ts';
import { EditorState, type GapSnapshot } from './editor.svelte.ts';
import { FilterState } from './filters.svelte.ts';
import { LocaleState } from './locale.svelte.ts';
import { MapStore } from './map-store.svelte.ts';
import { RouterState, type RouteState } from './router.svelte.ts';
import { ActorSelection } from './selection.svelte.ts';
import { SessionState } from './session.svelte.ts';
import { SavedViews } from './views.svelte.ts';

export type PanelTab = 'details' | 'gaps' | 'alliances';

/** The most gaps the API gives in one answer; a map with more is not compared after an edit. */
const GAP_SNAPSHOT_LIMIT = 5000;

/**
 * The whole app's state, shared through context: the stores, the selection and the actions that
 * span several of them (select, focus a gap, refresh after an edit).
 */
export class AppState {
  readonly locale: LocaleState;
  readonly router: RouterState;
  readonly map: MapStore;
  readonly analysis: AnalysisStore;
  readonly filters = new FilterState();
  readonly editor: EditorState;
  readonly backing: BackingStore;
  readonly session: SessionState;
  /** The open map's saved views, for the header's menu. */
  readonly views: SavedViews;

  selectedId = $state<string | null>(null);
  focusIds = $state.raw<string[] | null>(null);
  /** How far a focus on one node reaches: its neighbours (1) or theirs too (2). */
  focusDepth = $state<1 | 2>(1);
  /** The parties picked on the map (see selection.svelte.ts); `picked.focus()` focuses them. */
  readonly picked = new ActorSelection((ids) => {
    this.focusIds = [...ids];
    this.zoomRequest = { ids: this.focusIds, n: ++this.zoomCounter };
  });
  panelTab = $state<PanelTab>('gaps');
  /** The gap list shows only this severity (a header counter was clicked); null = all. */
  gapSeverity = $state<Severity | null>(null);
  /** A request for the map view to bring these ids into view; `n` makes repeats distinct. */
  zoomRequest = $state.raw<{ ids: string[]; n: number } | null>(null);
  /** Text for the screen-reader live region. */
  announcement = $state('');
  /** The gap last brought into view, marked in the gap list. */
  activeGapId = $state<string | null>(null);
  /** The open dialog of the header: members, share links, history (of the map or one element). */
  dialog = $state.raw<
    | { kind: 'members' }
    | { kind: 'share' }
    | { kind: 'password' }
    | { kind: 'history'; entityId?: string; name?: string }
    | null
  >(null);

  /** The open map may be changed by the caller: edit controls show only then. */
  get canEdit(): boolean {
    return this.map.canEdit;
  }

  get isOwner(): boolean {
    return this.map.map?.access === 'owner';
  }

  /** The selected node, if the selection is one (reactive: reads `$state`). */
  get selectedNode(): GraphNodeData | undefined {
    return this.map.node(this.selectedId);
  }

  get selectedEdge(): GraphEdgeData | undefined {
    return this.selectedId ? this.map.edgesById.get(this.selectedId) : undefined;
  }

  /** The ids of the nodes the filters leave on the map, at the map's date. */
  visibleIds = $derived.by(() => visibleNodeIds(this.map.graph, this.filters.spec));

  /**
   * The gaps about what the map shows: those whose subject is a node the filters leave, or a fact
   * between two of them. `complete` is false while further pages of gaps are not loaded.
   */
  gapsInView = $derived.by(() => {
    const all = this.analysis.gaps.value;
    const filtered = this.filters.activeCount > 0;
    const visible = this.visibleIds;
    const inView = (gap: Gap) => {
      if (visible.has(gap.subject.id)) return true;
      const edge = this.map.edgesById.get(gap.subject.id);
      return !!edge && visible.has(edge.source) && visible.has(edge.target);
    };
    const gaps = filtered ? all.filter(inView) : all;
    const counts = { high: 0, medium: 0, low: 0 } as Record<Severity, number>;
    for (const gap of gaps) counts[gap.severity]++;
    return {
      filtered,
      gaps,
      counts: filtered ? counts : this.analysis.counts,
      total: filtered ? gaps.length : this.analysis.total,
      of: this.analysis.total,
      complete: !filtered || this.analysis.nextCursor === null,
    };
  });

  /** What is looked at on the open map, as the URL and saved views hold it. */
  viewState = $derived.by((): RouteState => {
    const f = this.filters;
    const state: RouteState = {};
    if (f.sectors.length) state.sectors = [...f.sectors];
    if (f.statuses.length) state.statuses = [...f.statuses];
    if (f.areas.length) state.areas = [...f.areas];
    if (f.plans.length) state.plans = [...f.plans];
    if (f.goals.length) state.goals = [...f.goals];
    const shown = (Object.keys(f.show) as (keyof typeof f.show)[]).filter((kind) => f.show[kind]);
    const defaults = (Object.keys(EMPTY_FILTERS.show) as (keyof typeof f.show)[]).filter(
      (kind) => EMPTY_FILTERS.show[kind],
    );
    if (shown.join() !== defaults.join()) state.show = shown;
    if (f.sizeBy !== 'influence') state.sizeBy = f.sizeBy;
    if (f.overlay) state.gaps = true;
    if (this.map.asOf) state.asOf = this.map.asOf;
    if (this.focusIds?.length) state.focus = [...this.focusIds];
    if (this.focusIds?.length === 1 && this.focusDepth === 2) state.depth = 2;
    if (this.picked.size) state.picked = [...this.picked.ids];
    return state;
  });

  private zoomCounter = 0;
  private resolveDrawn: () => void = () => {};

  /** The map view drew its first picture (see `openMap`). */
  mapDrawn(): void {
    this.resolveDrawn();
  }

  constructor(
    readonly api: ApiClient = new ApiClient(),
    win: Window | null = typeof window === 'undefined' ? null : window,
  ) {
    this.locale = new LocaleState();
    this.session = new SessionState(api);
    this.router = new RouterState(win);
    this.map = new MapStore(api);
    this.analysis = new AnalysisStore(api);
    this.backing = new BackingStore(api);
    this.views = new SavedViews(api, () => this.locale.lang);
    const t = this.locale.t;
    const noun = (collection: Collection) => t(collectionNoun(collection));
    this.editor = new EditorState(api, {
      mapId: () => this.map.mapId,
      changed: () => this.afterEdit(),
      gaps: () => this.gapSnapshot(),
      text: {
        saved: () => t('form.saved'),
        created: (collection) => t('form.created', { what: noun(collection) }),
        deleted: (collection) => t('form.deleted', { what: noun(collection) }),
        undone: () => t('form.undone'),
      },
    });
  }

  /**
   * Set once the open map has taken in what its URL asked for: from then on the URL follows what
   * is looked at (App.svelte), and not before, so that a link is not overwritten while it loads.
   */
  urlApplied = $state(false);

  /** Opens a map and its analysis, looking at what `state` asks for. */
  async openMap(mapId: string, select?: string, state?: RouteState): Promise<void> {
    if (this.map.mapId !== mapId) {
      this.urlApplied = false;
      this.selectedId = null;
      this.focusIds = null;
      this.focusDepth = 1;
      this.picked.clear();
      this.analysis.reset();
      this.backing.reset();
      this.views.reset();
    }
    // The map first: the analysis is heavier on the server, and rendering its findings would
    // compete with the first drawing. On the map view it starts once the map is drawn.
    const drawn = new Promise<void>((resolve) => (this.resolveDrawn = resolve));
    await this.map.open(mapId);
    // A map that could not be opened (unknown, or the database away) asks nothing more.
    if (this.map.status === 'error' && !this.map.map) return;
    if (this.map.mapId !== mapId) return;
    if (state) this.applyViewState(state);
    if (select && (this.map.node(select) || this.map.edgesById.has(select))) {
      if (state?.focus?.length) this.select(select);
      else if (this.map.node(select)) this.focusElement(select);
      else this.select(select);
    }
    if (state?.focus?.length) this.zoomRequest = { ids: state.focus, n: ++this.zoomCounter };
    this.urlApplied = true;
    const route = this.router.route;
    if (route.name === 'map' && route.view === 'map' && this.map.status === 'ready') {
      await Promise.race([drawn, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
    await this.refreshAnalysis(mapId);
  }

  refreshAnalysis(mapId = this.map.mapId): Promise<void> {
    if (!mapId) return Promise.resolve();
    return this.analysis.refresh(mapId, { asOf: this.map.asOf, lang: this.locale.lang });
  }

  async loadBacking(): Promise<void> {
    const mapId = this.map.mapId;
    if (!mapId) return;
    await this.backing.load(mapId, { asOf: this.map.asOf, lang: this.locale.lang });
  }

  /** After any edit: the graph, the gap counts and (when it was loaded) the backing. */
  async afterEdit(): Promise<void> {
    await Promise.all([this.map.reload(), this.refreshAnalysis()]);
    if (this.backing.status !== 'idle') await this.loadBacking();
  }

  /**
   * Every gap of the map as it is now: the list on screen when it holds them all (no severity
   * chosen, no further page), else one request for all of them; null for a map with more gaps
   * than one answer carries.
   */
  async gapSnapshot(): Promise<GapSnapshot> {
    const mapId = this.map.mapId;
    if (!mapId) return null;
    const { analysis } = this;
    const gaps =
      analysis.gaps.status === 'ready' && analysis.severity === null && !analysis.nextCursor
        ? analysis.gaps.value
        : await this.api
            .gaps(mapId, { asOf: this.map.asOf, lang: this.locale.lang, limit: GAP_SNAPSHOT_LIMIT })
            .then((report) => (report.nextCursor ? null : report.gaps));
    return gaps ? new Map(gaps.map((gap) => [gap.id, gap])) : null;
  }

  /**
   * A gap named in a message, on the map: one still open as in the gap list; one that closed
   * by its subject (and the parties it involved), as it no longer is in the list.
   */
  showGap(gap: Gap, closed = false): void {
    const route = this.router.route;
    if (route.name === 'map' && route.view !== 'map') {
      this.router.go({ name: 'map', mapId: route.mapId, view: 'map' });
    }
    if (!closed) {
      this.gapSeverity = null;
      this.focusGap(gap);
      return;
    }
    const subject = this.map.node(gap.subject.id) ? gap.subject.id : null;
    if (subject)
      this.focusElement(
        subject,
        gap.related.map((ref) => ref.id),
      );
    this.announcement = gap.message;
  }

  /** Replays the map at `date` (null: today): the map at once, the analysis from the API. */
  async setAsOf(date: string | null): Promise<void> {
    const next = date || null;
    if (next === this.map.asOf) return;
    this.map.setAsOf(next);
    await this.refreshAnalysis();
    if (this.backing.status !== 'idle') await this.loadBacking();
  }

  /**
   * Sets what is looked at from a URL or a saved view; parts left out go back to their defaults.
   * Changes only what differs, so applying the current state again does nothing.
   */
  applyViewState(state: RouteState, select?: string | null): void {
    const f = this.filters;
    const same = (a: readonly string[], b: readonly string[] = []) =>
      a.length === b.length && a.every((value, index) => value === b[index]);
    if (!same(f.sectors, state.sectors)) f.sectors = [...(state.sectors ?? [])];
    if (!same(f.statuses, state.statuses)) f.statuses = [...(state.statuses ?? [])];
    if (!same(f.areas, state.areas)) f.areas = [...(state.areas ?? [])];
    if (!same(f.plans, state.plans)) f.plans = [...(state.plans ?? [])];
    if (!same(f.goals, state.goals)) f.goals = [...(state.goals ?? [])];
    const show = state.show
      ? { plans: false, goals: false, areas: false, forums: false }
      : { ...EMPTY_FILTERS.show };
    for (const kind of state.show ?? []) show[kind] = true;
    if ((Object.keys(show) as (keyof typeof show)[]).some((kind) => f.show[kind] !== show[kind]))
      f.show = show;
    const sizeBy = state.sizeBy ?? 'influence';
    if (f.sizeBy !== sizeBy) f.sizeBy = sizeBy;
    if (f.overlay !== !!state.gaps) f.overlay = !!state.gaps;
    this.picked.set(state.picked ?? []);
    const focus = state.focus?.length ? state.focus : null;
    if (!same(this.focusIds ?? [], focus ?? [])) this.focusIds = focus ? [...focus] : null;
    const depth = state.depth === 2 ? 2 : 1;
    if (this.focusDepth !== depth) this.focusDepth = depth;
    if (select !== undefined && select !== this.selectedId) this.select(select);
    if ((state.asOf ?? null) !== this.map.asOf) void this.setAsOf(state.asOf ?? null);
  }

  /** Everything a saved view keeps of what is looked at now: the URL's state, view and selection. */
  savedViewState(): ViewState {
    const route = this.router.route;
    return {
      ...(route.name === 'map' ? { view: route.view } : {}),
      ...this.viewState,
      ...(this.selectedId ? { select: this.selectedId } : {}),
    };
  }

  /**
   * Looks at what a saved view keeps, through the URL (so the back button returns to what was
   * looked at before, and the address is the view's link), and brings its focus into view. An
   * element deleted since the view was saved is left out, rather than shown as a bare id.
   */
  showSavedView(saved: ViewState): void {
    const route = this.router.route;
    if (route.name !== 'map') return;
    const { nodes, edges } = this.map.fullGraph;
    const known = new Set([...nodes, ...edges].map(({ data }) => data.id));
    const state = renameViewStateIds(saved, (id) => (known.has(id) ? id : null));
    const { view, select, ...rest } = state;
    this.router.go({
      name: 'map',
      mapId: route.mapId,
      view: view ?? 'map',
      ...(select ? { select } : {}),
      state: rest,
    });
    if (rest.focus?.length) this.zoomRequest = { ids: rest.focus, n: ++this.zoomCounter };
  }

  /** A click on the map: the details of what was clicked, and for a node its neighbourhood. */
  selectOnMap(id: string | null): void {
    this.select(id);
    if (id && this.map.node(id)) this.focusIds = [id];
    else if (!id) this.focusIds = null;
  }

  select(id: string | null): void {
    this.selectedId = id;
    if (id) this.panelTab = 'details';
    const label = id ? (this.map.node(id)?.label ?? '') : '';
    if (label) this.announcement = label;
  }

  /** Selects a node, makes sure the map shows it, and zooms to it. */
  focusElement(id: string, related: string[] = []): void {
    const node = this.map.node(id);
    if (node) {
      const visible = visibleNodeIds(this.map.graph, this.filters.spec).has(id);
      this.filters.reveal(node, visible);
    }
    this.select(id);
    const ids = [id, ...related.filter((other) => other !== id && this.map.node(other))];
    this.focusIds = ids;
    this.zoomRequest = { ids, n: ++this.zoomCounter };
  }

  /** A gap from the list: its subject and the parties it involves, in view. */
  focusGap(gap: Gap): void {
    this.activeGapId = gap.id;
    const subject = this.map.node(gap.subject.id)
      ? gap.subject.id
      : gap.related.find((ref) => this.map.node(ref.id))?.id;
    const edge = this.map.edgesById.get(gap.subject.id);
    if (!subject && edge) {
      this.focusElement(edge.source, [edge.target]);
      this.select(edge.id);
      return;
    }
    if (!subject) return;
    this.focusElement(
      subject,
      gap.related.map((ref) => ref.id),
    );
    this.panelTab = 'gaps';
    this.announcement = gap.message;
  }

  clearFocus(): void {
    this.focusIds = null;
  }
}

const KEY = Symbol('samspil-app');

export function setAppContext(app: AppState): AppState {
  return setContext(KEY, app);
}

export function getAppContext(): AppState {
  return getContext<AppState>(KEY);
}
