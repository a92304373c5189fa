import type { MapWithAccess } from '../../../../graph-schema/index.ts';
import { ApiError, type ApiClient } from '../api.ts';
import { DEFAULT_PLANNING_LEAD_DAYS } from '../../../../graph-schema/validity.ts';
import { graphAt } from '../graph/replay.ts';
import type {
  GraphData,
  GraphEdgeData,
  GraphNodeData,
  LoadStatus,
  NodeKind,
  Placement,
  Position,
  Positions,
} from '../types.ts';

const EMPTY_GRAPH: GraphData = { nodes: [], edges: [] };

/**
 * One open map: the map entity, its graph, the graph as replayed at `asOf`, and where its nodes
 * are (the shared layout). Graph arrays are `$state.raw`: they are replaced whole, never mutated
 * in place.
 *
 * The graph is loaded once, undated, and replayed here (graph/replay.ts, the definitions the API
 * uses for `?asOf=`): a node keeps its place on every date, and a new date needs no request.
 */
export class MapStore {
  mapId = $state<string | null>(null);
  map = $state.raw<MapWithAccess | null>(null);
  /** Every node and edge, at no date. */
  fullGraph = $state.raw<GraphData>(EMPTY_GRAPH);
  /** Positions of the map's nodes: the shared layout, and the places computed since. */
  positions = $state.raw<Positions>({});
  asOf = $state<string | null>(null);
  status = $state<LoadStatus>('idle');
  /** Set when loading failed; `status` is then `error`. */
  error = $state.raw<ApiError | null>(null);
  /** A reload after the first load (the map stays on screen meanwhile). */
  refreshing = $state(false);
  layoutError = $state.raw<ApiError | null>(null);

  /** The map at `asOf` (everything when unset): what every view shows. */
  graph = $derived(
    this.asOf
      ? graphAt(
          this.fullGraph,
          this.asOf,
          this.map?.settings.planningLeadDays ?? DEFAULT_PLANNING_LEAD_DAYS,
        )
      : this.fullGraph,
  );
  /** The places someone chose by hand: a new layout keeps them. */
  pinned = $derived(
    Object.fromEntries(Object.entries(this.positions).filter(([, place]) => place.pinned)),
  );
  nodesById = $derived(new Map(this.graph.nodes.map((node) => [node.data.id, node.data])));
  edgesById = $derived(new Map(this.graph.edges.map((edge) => [edge.data.id, edge.data])));
  /** Edges touching each node id. */
  edgesByNode = $derived.by(() => {
    const index = new Map<string, GraphEdgeData[]>();
    for (const { data } of this.graph.edges) {
      for (const end of [data.source, data.target]) {
        const list = index.get(end);
        if (list) list.push(data);
        else index.set(end, [data]);
      }
    }
    return index;
  });

  /**
   * Editors and owners change the map, its shared layout included; viewers and share links only
   * look. A reader's places stay on their screen: computed as everyone computes them
   * (graph/layout.ts), they give the same picture, and a dragged node moves for them alone.
   */
  get canEdit(): boolean {
    return this.map?.access === 'owner' || this.map?.access === 'editor';
  }

  private loadToken = 0;
  private pendingPlaces = new Map<string, Placement | null>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: ApiClient,
    private readonly saveDelayMs = 400,
  ) {}

  /** Opens a map: its entity, graph and layout, in parallel. */
  async open(mapId: string): Promise<void> {
    if (this.mapId !== mapId) {
      this.mapId = mapId;
      this.map = null;
      this.fullGraph = EMPTY_GRAPH;
      this.positions = {};
      this.pendingPlaces.clear();
      this.asOf = null;
    }
    const token = ++this.loadToken;
    this.status = 'loading';
    this.error = null;
    try {
      const [map, graph, layout] = await Promise.all([
        this.api.getMap(mapId),
        this.api.graph(mapId),
        this.api.layout(mapId).catch((error: unknown) => {
          // A map without a layout still works: everything is laid out automatically.
          this.layoutError = error instanceof ApiError ? error : null;
          return { positions: {} };
        }),
      ]);
      if (token !== this.loadToken) return;
      performance.mark('samspil:graph-loaded');
      this.map = map;
      this.fullGraph = graph;
      this.positions = layout.positions ?? {};
      this.status = 'ready';
    } catch (error) {
      if (token !== this.loadToken) return;
      this.error = toApiError(error);
      this.status = 'error';
    }
  }

  /** Reloads the graph (after an edit), keeping the old one on screen. */
  async reload(): Promise<void> {
    const mapId = this.mapId;
    if (!mapId) return;
    const token = ++this.loadToken;
    this.refreshing = true;
    try {
      const graph = await this.api.graph(mapId);
      if (token !== this.loadToken) return;
      this.fullGraph = graph;
      this.error = null;
      if (this.status !== 'ready') this.status = 'ready';
    } catch (error) {
      if (token !== this.loadToken) return;
      this.error = toApiError(error);
      if (this.status !== 'ready') this.status = 'error';
    } finally {
      if (token === this.loadToken) this.refreshing = false;
    }
  }

  /** Replays the map at `date` (`null` = today): the graph is at hand, so this is immediate. */
  setAsOf(date: string | null): void {
    this.asOf = date || null;
  }

  node(id: string | null | undefined): GraphNodeData | undefined {
    return id ? this.nodesById.get(id) : undefined;
  }

  label(id: string | null | undefined): string {
    return this.node(id)?.label ?? '';
  }

  /** Nodes of a kind the graph shows; none for records it leaves out (meetings, decisions). */
  nodesOfKind(kind: NodeKind): GraphNodeData[] {
    return this.graph.nodes
      .filter((node) => node.data.kind === kind)
      .map((node) => node.data)
      .sort((a, b) => a.label.localeCompare(b.label, 'da'));
  }

  /**
   * Sets places (or with `null` forgets them) and, where the user may, saves them to the shared
   * layout shortly after: computed places as well as chosen ones, so that the picture stays put
   * when the map grows.
   */
  place(changes: Record<string, Placement | null>): void {
    const next = { ...this.positions };
    for (const [id, place] of Object.entries(changes)) {
      if (place) {
        const rounded: Placement = { x: Math.round(place.x), y: Math.round(place.y) };
        if (place.pinned) rounded.pinned = true;
        next[id] = rounded;
      } else delete next[id];
      this.pendingPlaces.set(id, place ? next[id]! : null);
    }
    this.positions = next;
    this.scheduleSave();
  }

  /**
   * Places chosen by hand (a dragged node): pinned, so that a new layout keeps them. With `null`,
   * a node stays where it is but a new layout may move it.
   */
  pin(changes: Record<string, Position | null>): void {
    const places: Record<string, Placement> = {};
    for (const [id, position] of Object.entries(changes)) {
      const at = position ?? this.positions[id];
      if (at) places[id] = position ? { ...position, pinned: true } : { x: at.x, y: at.y };
    }
    this.place(places);
  }

  /** Keeps every node where it is, but lets a new layout move it. */
  unpinAll(): void {
    this.place(
      Object.fromEntries(
        Object.entries(this.pinned).map(([id, place]) => [id, { x: place.x, y: place.y }]),
      ),
    );
  }

  /** Replaces the whole layout (a new layout, or its undo); returns the one it replaced. */
  replaceLayout(next: Positions): Positions {
    const previous = this.positions;
    const changes: Record<string, Placement | null> = {};
    for (const id of new Set([...Object.keys(previous), ...Object.keys(next)])) {
      if (JSON.stringify(previous[id]) !== JSON.stringify(next[id])) changes[id] = next[id] ?? null;
    }
    this.place(changes);
    return previous;
  }

  private scheduleSave(): void {
    if (!this.canEdit) {
      this.pendingPlaces.clear();
      return;
    }
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flushLayout(), this.saveDelayMs);
  }

  /**
   * Writes pending places. The layout is shared, so it reads the latest positions first and
   * applies only this user's changes on top: colleagues' changes in the meantime are kept.
   */
  flushLayout(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const mapId = this.mapId;
    if (!mapId || this.pendingPlaces.size === 0 || !this.canEdit) return this.saving;
    const changes = new Map(this.pendingPlaces);
    this.pendingPlaces.clear();
    this.saving = this.saving.then(async () => {
      try {
        const latest = await this.api.layout(mapId);
        const positions = { ...latest.positions };
        for (const [id, place] of changes) {
          if (place) positions[id] = place;
          else delete positions[id];
        }
        await this.api.putLayout(mapId, positions);
        this.layoutError = null;
      } catch (error) {
        const apiError = toApiError(error);
        this.layoutError = apiError;
        // Refused (the role was lowered meanwhile) or the map is gone: sending the same places
        // again cannot help.
        if (apiError.status === 403 || apiError.status === 404) return;
        for (const [id, place] of changes)
          if (!this.pendingPlaces.has(id)) this.pendingPlaces.set(id, place);
      }
    });
    return this.saving;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, {
    error: 'client_error',
    message: (error as Error)?.message ?? String(error),
  });
}
