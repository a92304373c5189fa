import type { SamspilMap } from '../../../../graph-schema/index.ts';
import { ApiError, type ApiClient } from '../api.ts';
import type {
  GraphData,
  GraphEdgeData,
  GraphNodeData,
  LoadStatus,
  Position,
  Positions,
} from '../types.ts';

const EMPTY_GRAPH: GraphData = { nodes: [], edges: [] };

/**
 * One open map: the map entity, its graph (optionally replayed at `asOf`) and its shared pinned
 * layout. Graph arrays are `$state.raw`: they are replaced whole, never mutated in place.
 */
export class MapStore {
  mapId = $state<string | null>(null);
  map = $state.raw<SamspilMap | null>(null);
  graph = $state.raw<GraphData>(EMPTY_GRAPH);
  pinned = $state.raw<Positions>({});
  asOf = $state<string | null>(null);
  status = $state<LoadStatus>('idle');
  /** Set when loading failed; `status` is then `error`. */
  error = $state.raw<ApiError | null>(null);
  /** A reload after the first load (the map stays on screen meanwhile). */
  refreshing = $state(false);
  layoutError = $state.raw<ApiError | null>(null);

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

  private loadToken = 0;
  private pendingPins = new Map<string, Position | null>();
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
      this.graph = EMPTY_GRAPH;
      this.pinned = {};
      this.asOf = null;
    }
    const token = ++this.loadToken;
    this.status = 'loading';
    this.error = null;
    try {
      const [map, graph, layout] = await Promise.all([
        this.api.getMap(mapId),
        this.api.graph(mapId, this.asOf),
        this.api.layout(mapId).catch((error: unknown) => {
          // A map without a layout still works: everything is laid out automatically.
          this.layoutError = error instanceof ApiError ? error : null;
          return { positions: {} };
        }),
      ]);
      if (token !== this.loadToken) return;
      performance.mark('samspil:graph-loaded');
      this.map = map;
      this.graph = graph;
      this.pinned = layout.positions ?? {};
      this.status = 'ready';
    } catch (error) {
      if (token !== this.loadToken) return;
      this.error = toApiError(error);
      this.status = 'error';
    }
  }

  /** Reloads the graph (after an edit, or for a new `asOf`), keeping the old one on screen. */
  async reload(): Promise<void> {
    const mapId = this.mapId;
    if (!mapId) return;
    const token = ++this.loadToken;
    this.refreshing = true;
    try {
      const graph = await this.api.graph(mapId, this.asOf);
      if (token !== this.loadToken) return;
      this.graph = graph;
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

  /** Replays the map at `date` (`null` = today). */
  async setAsOf(date: string | null): Promise<void> {
    this.asOf = date || null;
    await this.reload();
  }

  node(id: string | null | undefined): GraphNodeData | undefined {
    return id ? this.nodesById.get(id) : undefined;
  }

  label(id: string | null | undefined): string {
    return this.node(id)?.label ?? '';
  }

  nodesOfKind(kind: GraphNodeData['kind']): GraphNodeData[] {
    return this.graph.nodes
      .filter((node) => node.data.kind === kind)
      .map((node) => node.data)
      .sort((a, b) => a.label.localeCompare(b.label, 'da'));
  }

  /** Pins (or with `null` unpins) positions and saves them to the shared layout shortly after. */
  pin(changes: Record<string, Position | null>): void {
    const next = { ...this.pinned };
    for (const [id, position] of Object.entries(changes)) {
      if (position) next[id] = { x: Math.round(position.x), y: Math.round(position.y) };
      else delete next[id];
      this.pendingPins.set(id, position ? next[id]! : null);
    }
    this.pinned = next;
    this.scheduleSave();
  }

  unpinAll(): void {
    this.pin(Object.fromEntries(Object.keys(this.pinned).map((id) => [id, null])));
  }

  /** Moves a pin from a deleted element to its re-created copy (undo). */
  movePin(fromId: string, toId: string): void {
    const position = this.pinned[fromId];
    if (position) this.pin({ [fromId]: null, [toId]: position });
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flushLayout(), this.saveDelayMs);
  }

  /**
   * Writes pending pins. The layout is shared, so it reads the latest positions first and applies
   * only this user's changes on top: colleagues' pins in the meantime are kept.
   */
  flushLayout(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const mapId = this.mapId;
    if (!mapId || this.pendingPins.size === 0) return this.saving;
    const changes = new Map(this.pendingPins);
    this.pendingPins.clear();
    this.saving = this.saving.then(async () => {
      try {
        const latest = await this.api.layout(mapId);
        const positions = { ...latest.positions };
        for (const [id, position] of changes) {
          if (position) positions[id] = position;
          else delete positions[id];
        }
        await this.api.putLayout(mapId, positions);
        this.layoutError = null;
      } catch (error) {
        this.layoutError = toApiError(error);
        for (const [id, position] of changes)
          if (!this.pendingPins.has(id)) this.pendingPins.set(id, position);
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
