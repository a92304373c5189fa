import type { CypherRuleKind } from '../../../../graph-schema/analysis-rows.ts';
import { blockedDependencyQuery } from './blocked-dependency.ts';
import { expiringCommitmentQuery } from './expiring-commitment.ts';
import { goalWithoutInitiativeQuery } from './goal-without-initiative.ts';
import { missingPoliticalBackingQuery } from './missing-political-backing.ts';
import { missingResidentVoiceQuery } from './missing-resident-voice.ts';
import { noRecentContactQuery } from './no-recent-contact.ts';
import { overdueActionQuery } from './overdue-action.ts';
import { powerfulOppositionQuery } from './powerful-opposition.ts';
import { unanchoredPlanQuery } from './unanchored-plan.ts';
import { unfundedInitiativeQuery } from './unfunded-initiative.ts';
import { unownedInitiativeQuery } from './unowned-initiative.ts';

/**
 * The query of each Cypher gap rule, by kind. Each gets `$mapId` and `$asOf` (a Neo4j `Date`),
 * reads the map's settings from the `Map` node itself, and returns one `row` per finding in the
 * shape of `RuleRows[kind]`.
 */
export const RULE_QUERIES: { readonly [K in CypherRuleKind]: string } = {
  unowned_initiative: unownedInitiativeQuery,
  unfunded_initiative: unfundedInitiativeQuery,
  unanchored_plan: unanchoredPlanQuery,
  goal_without_initiative: goalWithoutInitiativeQuery,
  blocked_dependency: blockedDependencyQuery,
  missing_resident_voice: missingResidentVoiceQuery,
  missing_political_backing: missingPoliticalBackingQuery,
  powerful_opposition: powerfulOppositionQuery,
  expiring_commitment: expiringCommitmentQuery,
  overdue_action: overdueActionQuery,
  no_recent_contact: noRecentContactQuery,
};
