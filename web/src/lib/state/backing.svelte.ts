import type { Locale } from '../../../../graph-schema/enums.ts';
import type { ApiClient, ApiError } from '../api.ts';
import type { BackingTarget, LoadStatus } from '../types.ts';
import { toApiError } from './map-store.svelte.ts';

/** The backing of the open map's initiatives and plans live at the date, from `/backing`. */
export class BackingStore {
  targets = $state.raw<BackingTarget[]>([]);
  status = $state<LoadStatus>('idle');
  error = $state.raw<ApiError | null>(null);

  private token = 0;

  constructor(private readonly api: ApiClient) {}

  async load(mapId: string, options: { asOf?: string | null; lang: Locale }): Promise<void> {
    const token = ++this.token;
    if (this.status !== 'ready') this.status = 'loading';
    try {
      const body = await this.api.backing(mapId, { asOf: options.asOf, lang: options.lang });
      if (token !== this.token) return;
      this.targets = body.items;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (token !== this.token) return;
      this.error = toApiError(error);
      this.status = 'error';
    }
  }

  reset(): void {
    this.token++;
    this.targets = [];
    this.status = 'idle';
    this.error = null;
  }
}
