import type { SavedView } from '../../../../graph-schema/entities.ts';
import type { ViewState } from '../../../../graph-schema/view-state.ts';
import type { ApiClient, ApiError } from '../api.ts';
import { toApiError } from './map-store.svelte.ts';

/** A map's saved views in the order a menu lists them: by name, as the map's language sorts. */
function sorted(views: SavedView[], lang: string): SavedView[] {
  return [...views].sort((a, b) => a.name.localeCompare(b.name, lang, { sensitivity: 'base' }));
}

/**
 * The saved views of the open map (`/maps/:mapId/views`): read when the header's menu opens, so a
 * colleague's new view shows up, and a map that failed to open asks nothing. Saving, renaming and
 * deleting go through the API like every other write; the list follows what the API answered.
 */
export class SavedViews {
  items = $state.raw<SavedView[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  error = $state.raw<ApiError | null>(null);

  private mapId: string | null = null;
  private request = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly lang: () => string,
  ) {}

  /** Forgets the list (another map was opened). */
  reset(): void {
    this.request++;
    this.mapId = null;
    this.items = [];
    this.status = 'idle';
    this.error = null;
  }

  async load(mapId: string): Promise<void> {
    if (this.mapId !== mapId) this.items = [];
    this.mapId = mapId;
    const request = ++this.request;
    this.status = 'loading';
    this.error = null;
    try {
      const items = (await this.api.listAll(mapId, 'views')) as unknown as SavedView[];
      if (request !== this.request) return;
      this.items = sorted(items, this.lang());
      this.status = 'ready';
    } catch (error) {
      if (request !== this.request) return;
      this.error = toApiError(error);
      this.status = 'error';
    }
  }

  async create(
    mapId: string,
    name: string,
    state: ViewState,
    description?: string,
  ): Promise<SavedView> {
    const created = (await this.api.create(mapId, 'views', {
      name,
      state,
      ...(description ? { description } : {}),
    })) as unknown as SavedView;
    if (this.mapId === mapId) this.items = sorted([...this.items, created], this.lang());
    return created;
  }

  /** A new name and description; an empty description removes it. */
  async rename(
    mapId: string,
    view: SavedView,
    name: string,
    description: string,
  ): Promise<SavedView> {
    const renamed = (await this.api.update(
      mapId,
      'views',
      view.id,
      { name, description: description || null },
      view.version,
    )) as unknown as SavedView;
    if (this.mapId === mapId) {
      this.items = sorted(
        this.items.map((item) => (item.id === renamed.id ? renamed : item)),
        this.lang(),
      );
    }
    return renamed;
  }

  /**
   * Deletes the view; returns the undo, which brings it back under its own id through the change
   * history (or null when the history could not be read).
   */
  async remove(mapId: string, view: SavedView): Promise<(() => Promise<void>) | null> {
    await this.api.remove(mapId, 'views', view.id, view.version);
    if (this.mapId === mapId) this.items = this.items.filter((item) => item.id !== view.id);
    const change = await this.api
      .history(mapId, { entityId: view.id, limit: 1 })
      .then((page) => page.items[0])
      .catch(() => undefined);
    if (!change) return null;
    return async () => {
      await this.api.revert(mapId, change.id);
      await this.load(mapId);
    };
  }
}
