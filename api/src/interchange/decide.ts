import type { ImportFormat, ImportReport, Locale } from '../../../graph-schema/index.ts';
import type { FileProblem } from './file-problem.ts';
import type { ImportSet } from './import-set.ts';
import { planImport, type Content, type Plan } from './plan.ts';
import { buildReport } from './report.ts';

export interface DecideOptions {
  newId: () => string;
  today: string;
  skipInvalid: boolean;
  lang: Locale;
}

/** An import decided against one state of the map: what to write, and how to report it. */
export interface Decision {
  plan: Plan;
  /** Nothing may be written: the file has a problem, or a row has an error without `skipInvalid`. */
  refused: boolean;
  report(options: {
    dryRun: boolean;
    applied: boolean;
    mapId: string | null;
    changeId: string | null;
  }): ImportReport;
  /** A backup's layout by the new ids, for a map made from it. */
  layout: Record<string, { x: number; y: number }>;
}

export function decide(set: ImportSet, content: Content, options: DecideOptions): Decision {
  const plan = planImport(set, content, options);
  const errors = plan.problems.some((problem) => problem.level === 'error');
  const refused = set.fatal.length > 0 || (errors && !options.skipInvalid);
  const layout: Record<string, { x: number; y: number }> = {};
  if (set.layout) {
    for (const outcome of plan.outcomes) {
      const position = outcome.row.key ? set.layout[outcome.row.key] : undefined;
      if (
        position &&
        outcome.id &&
        (outcome.action === 'create' ||
          outcome.action === 'unchanged' ||
          outcome.action === 'update')
      ) {
        layout[outcome.id] = position;
      }
    }
  }
  return {
    plan,
    refused,
    layout,
    report: (report) => buildReport(set, plan, { ...report, lang: options.lang }),
  };
}

/** The report of a file that could not be read at all: its one problem, nothing else. */
export function unreadable(problem: FileProblem, format: ImportFormat, lang: Locale): ImportReport {
  const set: ImportSet = {
    source: 'samspil',
    format,
    rows: [],
    rowCount: 0,
    fatal: [
      {
        sheet: problem.sheet,
        row: null,
        column: problem.column,
        code: problem.code,
        params: problem.params,
        level: 'error',
      },
    ],
    warnings: [],
    customFields: [],
    mapping: null,
  };
  return buildReport(
    set,
    { writes: { creates: [], updates: [] }, outcomes: [], problems: set.fatal },
    {
      dryRun: true,
      applied: false,
      mapId: null,
      changeId: null,
      lang,
    },
  );
}
