import type {
  AnalysisData,
  BackingData,
  BriefRecords,
  CypherRuleKind,
  MapInfo,
  RuleRows,
} from '../../../graph-schema/analysis-rows.ts';
import type {
  EntityRef,
  GapDetails,
  GapKind,
  Locale,
  Severity,
} from '../../../graph-schema/index.ts';
import type { Projection } from './projection.ts';

/** Languages the analysis speaks: Danish first. */
export type Lang = Locale;

/** The gap kinds whose rule runs in memory over the projection. */
export type MemoryRuleKind = Exclude<GapKind, CypherRuleKind>;

/** A finding's `details` as the gap of its kind carries them (none for some kinds). */
type DetailsOf<K extends GapKind> = [GapDetails<K>] extends [never]
  ? { details?: never }
  : { details: GapDetails<K> };

/**
 * What a rule found, before it is put into words. `secondId` joins the subject id in the gap id
 * when one subject can carry several findings of a kind (one per dependency, per opposing actor).
 * `params` holds whatever the rule's texts need; `details` is handed to clients as it is.
 * A union over kinds, so narrowing on `kind` narrows `details`.
 */
export type Finding<K extends GapKind = GapKind, P = unknown> = K extends GapKind
  ? {
      kind: K;
      severity: Severity;
      subject: EntityRef;
      related: EntityRef[];
      secondId?: string;
      params: P;
    } & DetailsOf<K>
  : never;

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

/**
 * A rule's sentences per language. Declared as methods, so a rule with its own `Finding` type
 * fits where any rule is expected: the engine only hands each rule its own findings.
 */
export interface RuleTexts<K extends GapKind, P> {
  da(finding: Finding<K, P>, context: RenderContext): Texts;
  en(finding: Finding<K, P>, context: RenderContext): Texts;
}

/** A rule evaluated over the in-memory projection of the map at `asOf`. */
export interface MemoryRule<K extends MemoryRuleKind, P> {
  kind: K;
  engine: 'memory';
  texts: RuleTexts<K, P>;
  evaluate(context: Projection): Finding<K, P>[];
}

/**
 * A rule that is one Cypher query, kept with the repositories (queries/<rule>.ts): it turns the
 * query's rows (`RuleRows[kind]`) into findings.
 */
export interface CypherRule<K extends CypherRuleKind, P> {
  kind: K;
  engine: 'cypher';
  texts: RuleTexts<K, P>;
  toFindings(rows: RuleRows[K][]): Finding<K, P>[];
}

/**
 * Any rule, as the engine holds them. The methods take any finding, and a rule's own methods
 * fit because TypeScript compares method parameters both ways; the engine hands each rule only
 * findings of its own kind.
 */
export type GapRule =
  | {
      kind: MemoryRuleKind;
      engine: 'memory';
      texts: AnyRuleTexts;
      evaluate(context: Projection): Finding[];
    }
  | {
      kind: CypherRuleKind;
      engine: 'cypher';
      texts: AnyRuleTexts;
      toFindings(rows: RuleRows[CypherRuleKind][]): Finding[];
    };

/** A rule's texts, as the engine calls them. */
export interface AnyRuleTexts {
  da(finding: Finding, context: RenderContext): Texts;
  en(finding: Finding, context: RenderContext): Texts;
}

/**
 * What the analysis reads, and from where: the analysis repository provides it. Declared here
 * so the analysis needs no repository code, only something that answers these.
 */
export interface AnalysisSource {
  /**
   * The map's revision, an opaque text that changes with every write to the map; null for an
   * unknown map.
   */
  revision(mapId: string): Promise<string | null>;
  /**
   * The map's revision once every write up to it is visible in full and none after it is under
   * way (a read can see part of a commit still being applied); null for an unknown map. Slower
   * than `revision`: it waits for writes in progress.
   */
  settledRevision(mapId: string): Promise<string | null>;
  loadMapInfo(mapId: string): Promise<MapInfo>;
  loadAnalysis(mapId: string, asOf: string): Promise<AnalysisData>;
  ruleRows<K extends CypherRuleKind>(kind: K, mapId: string, asOf: string): Promise<RuleRows[K][]>;
  loadBacking(mapId: string, targetId: string | null, asOf: string): Promise<BackingData | null>;
  loadBriefRecords(
    mapId: string,
    actorIds: string[],
    targetIds: string[],
    asOf: string,
  ): Promise<BriefRecords>;
}
