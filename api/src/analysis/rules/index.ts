import { GAP_KINDS } from '../../../../graph-schema/index.ts';
import type { GapRule } from '../types.ts';
import { blockedDependency } from './blocked-dependency.ts';
import { contestedOwnership } from './contested-ownership.ts';
import { dependencyWithoutAlliance } from './dependency-without-alliance.ts';
import { expiringCommitment } from './expiring-commitment.ts';
import { goalWithoutInitiative } from './goal-without-initiative.ts';
import { isolatedActor } from './isolated-actor.ts';
import { missingPoliticalBacking } from './missing-political-backing.ts';
import { missingResidentVoice } from './missing-resident-voice.ts';
import { noRecentContact } from './no-recent-contact.ts';
import { overdueAction } from './overdue-action.ts';
import { powerfulOpposition } from './powerful-opposition.ts';
import { singlePointOfFailure } from './single-point-of-failure.ts';
import { staleFact } from './stale-fact.ts';
import { unanchoredPlan } from './unanchored-plan.ts';
import { uncoordinatedPartners } from './uncoordinated-partners.ts';
import { unfundedInitiative } from './unfunded-initiative.ts';
import { unownedInitiative } from './unowned-initiative.ts';

const ALL: GapRule[] = [
  unownedInitiative,
  contestedOwnership,
  unfundedInitiative,
  unanchoredPlan,
  goalWithoutInitiative,
  uncoordinatedPartners,
  dependencyWithoutAlliance,
  blockedDependency,
  missingResidentVoice,
  missingPoliticalBacking,
  powerfulOpposition,
  isolatedActor,
  singlePointOfFailure,
  expiringCommitment,
  staleFact,
  overdueAction,
  noRecentContact,
];

/** Every gap rule (docs/gap-rules.md), in the order of `GAP_KINDS`. */
export const RULES: readonly GapRule[] = GAP_KINDS.map((kind) => {
  const rule = ALL.find((candidate) => candidate.kind === kind);
  if (!rule) throw new Error(`No rule for gap kind ${kind}`);
  return rule;
});
