import type { MapBundle } from '../graph-schema/index.ts';
import type { Database } from '../api/src/db/database.ts';
import {
  BundleRepository,
  type ImportProgress,
} from '../api/src/repositories/bundle-repository.ts';
import { MapRepository } from '../api/src/repositories/map-repository.ts';
import { MemberRepository } from '../api/src/repositories/member-repository.ts';
import { systemWrite } from '../api/src/repositories/map-write.ts';
import { buildDemoBundle } from './hoeje-taastrup.ts';
import { DEMO_MAP_ID } from './ids.ts';

/** Progress on one line per step, as a terminal user expects from long work. */
export function progressPrinter(
  write: (line: string) => void = (line) => process.stderr.write(line),
) {
  let last = '';
  let lastAt = 0;
  return ({ step, done, total }: ImportProgress) => {
    const now = Date.now();
    if (step === last && done < total && now - lastAt < 1000) return;
    last = step;
    lastAt = now;
    write(`  ${step}: ${done}/${total}\n`);
  };
}

/**
 * (Re)loads the Høje-Taastrup demo map under `mapId`: an existing map with that id is deleted
 * first, so the ids of the demo stay the same across reloads. `ownerId` becomes its owner.
 */
export async function loadDemoMap(
  db: Database,
  options: {
    mapId?: string;
    ownerId?: string;
    onProgress?: (progress: ImportProgress) => void;
  } = {},
): Promise<MapBundle> {
  const bundle = buildDemoBundle(options.mapId ?? DEMO_MAP_ID);
  const maps = new MapRepository(db);
  await maps.resumeDeletions();
  if (await maps.get(bundle.map.id)) await maps.delete(bundle.map.id, systemWrite());
  await new BundleRepository(db).import(bundle, systemWrite(), options.onProgress);
  if (options.ownerId)
    await new MemberRepository(db).grant(bundle.map.id, options.ownerId, 'owner');
  return bundle;
}
