import type { ApiError } from './api.ts';
import type { MessageKey, Params } from './i18n/index.ts';

/** A failed request in plain words, in the current language. */
export function describeError(
  t: (key: MessageKey, params?: Params) => string,
  error: ApiError | null,
): string {
  if (!error) return '';
  if (error.status === 0 && error.code === 'network') return t('error.network');
  if (error.status === 503 || error.code === 'database_unavailable') return t('error.database');
  if (error.code === 'map_not_found') return t('error.mapNotFound');
  if (error.status === 412) return t('error.stale');
  return t('error.generic', { message: error.message });
}
