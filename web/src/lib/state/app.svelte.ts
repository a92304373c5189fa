import { getContext, setContext } from 'svelte';
import type { Severity } from '../../../../graph-schema/enums.ts';
import { ApiClient, type Collection } from '../api.ts';
import { COLLECTION_NOUN, NODE_COLLECTION } from '../forms.ts';
import { visibleNodeIds } from '../graph/to-elements.ts';
import type { Gap, GraphEdgeData, GraphNodeData } from '../types.ts';
import { AnalysisStore } from './analysis.svelte.ts';
import { BackingStore } from './backing.svelte.ts';
import { EditorState } from './editor.svelte.ts';
import { FilterState } from './filters.svelte.ts';
import { LocaleState } from './locale.svelte.ts';
import { MapStore } from './map-store.svelte.ts';
import { RouterState } from './router.svelte.ts';

export type PanelTab = 'details' | 'gaps' | 'alliances';

/** Id fields through which other nodes point at a node (for restoring them on undo). */
const BACK_LINK_FIELDS: { field: keyof GraphNodeData; kinds: GraphNodeData['kind'][] }[] = [
  { field: 'parentId', kinds: ['actor', 'plan'] },
  { field: 'planId', kinds: ['initiative'] },
  { field: 'areaIds', kinds: ['actor', 'initiative', 'plan'] },
  { field: 'goalIds', kinds: ['initiative'] },
  { field: 'dependsOn', kinds: ['initiative'] },
];

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

  selectedId = $state<string | null>(null);
  focusIds = $state.raw<string[] | null>(null);
  panelTab = $state<PanelTab>('gaps');
  /** The gap list shows only this severity (a header counter was clicked); null = all. */
  gapSeverity = $state<Severity | null>(null);
  /** A request for the map view to bring these ids into view; `n` makes repeats distinct. */
  zoomRequest = $state.raw<{ ids: string[]; n: number } | null>(null);
  /** Text for the screen-reader live region. */
  announcement = $state('');

  /** The selected node, if the selection is one (reactive: reads `$state`). */
  get selectedNode(): GraphNodeData | undefined {
    return this.map.node(this.selectedId);
  }

  get selectedEdge(): GraphEdgeData | undefined {
    return this.selectedId ? this.map.edgesById.get(this.selectedId) : undefined;
  }

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
    this.router = new RouterState(win);
    this.map = new MapStore(api);
    this.analysis = new AnalysisStore(api);
    this.backing = new BackingStore(api);
    const t = this.locale.t;
    const noun = (collection: Collection) => t(COLLECTION_NOUN[collection]);
    this.editor = new EditorState(api, {
      mapId: () => this.map.mapId,
      changed: () => this.afterEdit(),
      text: {
        saved: () => t('form.saved'),
        created: (collection) => t('form.created', { what: noun(collection) }),
        deleted: (collection) => t('form.deleted', { what: noun(collection) }),
        restored: (collection) => t('form.restored', { what: noun(collection) }),
      },
      backLinks: (id) => this.backLinks(id),
      movePin: (from, to) => this.map.movePin(from, to),
    });
  }

  /** Opens a map and its analysis. */
  async openMap(mapId: string, select?: string): Promise<void> {
    if (this.map.mapId !== mapId) {
      this.selectedId = null;
      this.focusIds = null;
      this.analysis.reset();
      this.backing.reset();
    }
    // The map first: the analysis is heavier on the server, and rendering its findings would
    // compete with the first drawing. On the map view it starts once the map is drawn.
    const drawn = new Promise<void>((resolve) => (this.resolveDrawn = resolve));
    await this.map.open(mapId);
    if (select && this.map.node(select)) this.focusElement(select);
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

  async setAsOf(date: string | null): Promise<void> {
    this.map.asOf = date || null;
    await Promise.all([this.map.reload(), this.refreshAnalysis()]);
    if (this.backing.status !== 'idle') await this.loadBacking();
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

  /** Nodes whose id fields point at `id`, so an undo can restore those links too. */
  backLinks(id: string): { collection: Collection; id: string; field: string }[] {
    const links: { collection: Collection; id: string; field: string }[] = [];
    for (const { data } of this.map.graph.nodes) {
      for (const { field, kinds } of BACK_LINK_FIELDS) {
        if (!kinds.includes(data.kind)) continue;
        const value = data[field];
        if (value === id || (Array.isArray(value) && value.includes(id))) {
          links.push({ collection: NODE_COLLECTION[data.kind], id: data.id, field: String(field) });
        }
      }
    }
    return links;
  }
}

const KEY = Symbol('samspil-app');

export function setAppContext(app: AppState): AppState {
  return setContext(KEY, app);
}

export function getAppContext(): AppState {
  return getContext<AppState>(KEY);
}
