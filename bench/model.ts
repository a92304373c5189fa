import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NODE_MODELS } from '../graph-schema/index.ts';

/** Source rooms that hold the product's code; tests, benchmarks and seed data are not counted. */
const ROOMS = ['api', 'web/src', 'graph-schema'];
/** Lines that count as one place: a field list is written out within this many lines. */
const WINDOW = 25;

/** The fields that only the actor declares: a place naming all of them spells out the actor. */
export function actorOnlyFields(): string[] {
  const actor = NODE_MODELS.find((model) => model.kind === 'actor')!;
  const others = new Set(
    NODE_MODELS.filter((model) => model !== actor).flatMap((model) => Object.keys(model.fields)),
  );
  return Object.keys(actor.fields).filter((field) => !others.has(field));
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* sourceFiles(path);
    } else if (/\.(ts|svelte|cypher)$/.test(entry.name)) yield path;
  }
}

/**
 * The places under `root` that name every one of `fields` within `WINDOW` lines: where the
 * actor's fields are written out (a schema, a form, a type, a query, a translation table).
 */
export function fieldPlaces(root: string, fields: string[]): string[] {
  const places: string[] = [];
  const words = fields.map((field) => new RegExp(`\\b${field}\\b`));
  for (const room of ROOMS) {
    let files: string[];
    try {
      files = [...sourceFiles(join(root, room))];
    } catch {
      continue;
    }
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (let line = 0; line < lines.length; line++) {
        const window = lines.slice(line, line + WINDOW).join('\n');
        if (words.every((word) => word.test(window))) {
          places.push(`${relative(root, file)}:${line + 1}`);
          break;
        }
      }
    }
  }
  return places;
}

/**
 * How many source places name the actor's fields (the cost of changing the entity). With
 * BENCH_MODEL_BEFORE set to a checkout of an earlier revision, that tree is counted too.
 */
export async function runModelBench({ log }: { log: (line: string) => void }): Promise<void> {
  const fields = actorOnlyFields();
  log(`\n## Places that name the actor's fields (${fields.join(', ')}), ${WINDOW} lines a place`);
  const trees: [string, string][] = [['now', process.cwd()]];
  const before = process.env.BENCH_MODEL_BEFORE;
  if (before) trees.unshift(['before', before]);
  for (const [name, root] of trees) {
    const places = fieldPlaces(root, fields);
    log(`  ${name}: ${places.length} place(s)`);
    for (const place of places) log(`    ${place}`);
  }
}
