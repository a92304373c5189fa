import { BACKUP_FORMAT } from '../../../graph-schema/index.ts';
import { ALL_MODELS } from './columns.ts';
import { rowsOf, type ExportInput } from './export-rows.ts';

/**
 * `format=json`: a whole map as one document (`BackupSchema`): the map itself, its layout, and
 * every entity and fact of every model, each with its id, version, timestamps and source. The
 * content iterates the model declarations, so a new entity or fact kind is backed up without a
 * change here. `POST /maps/import` makes a new map from it with the same graph, new ids apart.
 */
export function backup(input: ExportInput) {
  return {
    format: BACKUP_FORMAT,
    version: 1 as const,
    exportedAt: input.exportedAt,
    map: input.map,
    layout: input.layout,
    content: Object.fromEntries(
      ALL_MODELS.map((model) => [model.collection, rowsOf(input.content, model)]),
    ),
  };
}
