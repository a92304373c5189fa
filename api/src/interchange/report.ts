import type { ImportReport, KindCounts, Locale, RowChange } from '../../../graph-schema/index.ts';
import { ALL_MODELS } from './columns.ts';
import type { ImportSet } from './import-set.ts';
import { wordProblem } from './messages.ts';
import type { Plan } from './plan.ts';

/** How many problems and changed rows a report lists; the counts always cover them all. */
export const REPORT_LIMITS = { problems: 500, changes: 1000 } as const;

export interface ReportOptions {
  dryRun: boolean;
  applied: boolean;
  mapId: string | null;
  changeId: string | null;
  lang: Locale;
}

/** The import report: counts per kind, the problems in the request's language, what changes. */
export function buildReport(set: ImportSet, plan: Plan, options: ReportOptions): ImportReport {
  const counts = Object.fromEntries(
    ALL_MODELS.map((model) => [
      model.kind,
      { create: 0, update: 0, unchanged: 0, invalid: 0 } satisfies KindCounts,
    ]),
  ) as Record<string, KindCounts>;
  const changes: RowChange[] = [];
  for (const outcome of plan.outcomes) {
    const count = counts[outcome.row.model.kind]!;
    if (outcome.action === 'merged') continue;
    count[outcome.action]++;
    if (outcome.action === 'create' || outcome.action === 'update') {
      changes.push({
        sheet: outcome.row.sheet,
        row: outcome.row.row,
        kind: outcome.row.model.kind,
        action: outcome.action,
        id: outcome.action === 'update' || options.applied ? outcome.id : null,
        name: outcome.name,
        fields: outcome.fields,
      });
    }
  }
  const errors = plan.problems.filter((problem) => problem.level === 'error');
  const warnings = plan.problems.filter((problem) => problem.level === 'warning');
  return {
    dryRun: options.dryRun,
    applied: options.applied,
    source: set.source,
    format: set.format,
    mapId: options.mapId,
    changeId: options.changeId,
    rows: set.rowCount,
    counts,
    errors: errors.length,
    warnings: warnings.length,
    problems: [...errors, ...warnings]
      .slice(0, REPORT_LIMITS.problems)
      .map((problem) => wordProblem(problem, options.lang)),
    changeCount: changes.length,
    changes: changes.slice(0, REPORT_LIMITS.changes),
    customFields: set.customFields,
    mapping: set.mapping,
  };
}
