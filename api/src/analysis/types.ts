import type { EntityRef, GapKind, Severity } from '../../../graph-schema/index.ts';
import type { Projection } from './projection.ts';

/** Languages the analysis speaks (DESIGN §1: Danish first). */
export type Lang = 'da' | 'en';

export type { EntityRef, EntityType, Gap } from '../../../graph-schema/index.ts';

/**
 * What a rule found, before it is put into words. `secondId` joins the subject id in the gap id
 * when one subject can carry several findings of a kind (one per dependency, per opposing actor).
 * `params` holds whatever the rule's texts need; `details` is handed to clients as it is.
 */
export interface Finding<P = any> {
  kind: GapKind;
  severity: Severity;
  subject: EntityRef;
  related: EntityRef[];
  secondId?: string;
  params: P;
  details?: Record<string, unknown>;
}

/** The words of a finding in one language. */
export interface Texts {
  message: string;
  explanation: string;
  suggestion?: string;
}

/** What texts may depend on besides the finding itself. */
export interface RenderContext {
  lang: Lang;
  currency: string;
  asOf: string;
}

interface RuleBase<P> {
  kind: GapKind;
  /** Where the rule is evaluated; each rule file's header says why. */
  engine: 'cypher' | 'memory';
  texts: Record<Lang, (finding: Finding<P>, context: RenderContext) => Texts>;
}

/** A rule evaluated over the in-memory projection of the map at `asOf`. */
export interface MemoryRule<P = any> extends RuleBase<P> {
  engine: 'memory';
  evaluate(context: Projection): Finding<P>[];
}

/**
 * A rule that is one Cypher query. The query gets `$mapId` and `$asOf` (a Neo4j `Date`) and
 * reads map settings from the `Map` node itself; rows come back as plain values.
 */
export interface CypherRule<P = any> extends RuleBase<P> {
  engine: 'cypher';
  cypher: string;
  toFindings(rows: Record<string, any>[]): Finding<P>[];
}

export type GapRule = MemoryRule | CypherRule;
