import type { CypherRuleKind, MapInfo } from '../../../graph-schema/analysis-rows.ts';
import {
  GAP_KINDS,
  SEVERITIES,
  type Gap,
  type GapKind,
  type GapSummary,
  type Severity,
} from '../../../graph-schema/index.ts';
import { gapId } from './ids.ts';
import type { Projection } from './projection.ts';
import { RULES } from './rules/index.ts';
import { sortKey } from './sort-key.ts';
import type { AnalysisSource, AnyRuleTexts, Finding, GapRule, RenderContext } from './types.ts';

type MemoryGapRule = Extract<GapRule, { engine: 'memory' }>;
type CypherGapRule = Extract<GapRule, { engine: 'cypher' }>;

export interface Evaluation {
  map: MapInfo;
  /** Present when a memory rule ran. */
  projection: Projection | null;
  findings: Finding[];
}

/**
 * Runs the gap rules of `kinds` (default: all) for a map at `asOf`. The projection (which the
 * caller loads, or takes from its cache) and every Cypher rule are read concurrently, each rule
 * in its own read transaction, so the database works on the rule queries while this process
 * decodes the projection. A write that lands mid-request may show in some rules and not yet in
 * others; the caller can tell by the map's revision (see service.ts). A map that does not exist
 * fails with 404 (`map_not_found`).
 */
export async function evaluateGaps(
  source: AnalysisSource,
  mapId: string,
  asOf: string,
  options: { kinds?: readonly GapKind[]; projection: () => Promise<Projection> },
): Promise<Evaluation> {
  const rules = options.kinds ? RULES.filter((rule) => options.kinds!.includes(rule.kind)) : RULES;
  const memoryRules = rules.filter((rule): rule is MemoryGapRule => rule.engine === 'memory');
  const cypherRules = rules.filter((rule): rule is CypherGapRule => rule.engine === 'cypher');

  const base =
    memoryRules.length > 0
      ? options.projection().then((projection) => ({ map: projection.map, projection }))
      : source.loadMapInfo(mapId).then((map) => ({ map, projection: null }));
  const queried = cypherRules.map((rule) => cypherFindings(source, rule, mapId, asOf));
  const [{ map, projection }, ...fromCypher] = await Promise.all([base, ...queried]);

  const findings: Finding[] = [];
  // Keep the order of GAP_KINDS regardless of which engine produced what.
  for (const rule of rules) {
    if (rule.engine === 'memory') findings.push(...rule.evaluate(projection!));
    else findings.push(...fromCypher[cypherRules.indexOf(rule)]!);
  }
  return { map, projection, findings };
}

/** One Cypher rule: its rows, read by the source, turned into findings. */
async function cypherFindings(
  source: AnalysisSource,
  rule: CypherGapRule,
  mapId: string,
  asOf: string,
): Promise<Finding[]> {
  const rows = await source.ruleRows<CypherRuleKind>(rule.kind, mapId, asOf);
  return rule.toFindings(rows);
}

const TEXTS = new Map<GapKind, AnyRuleTexts>(RULES.map((rule) => [rule.kind, rule.texts]));
const SEVERITY_RANK = new Map(SEVERITIES.map((severity, i) => [severity, i]));
const KIND_RANK = new Map(GAP_KINDS.map((kind, i) => [kind, i]));

/** The id a finding has as a gap. */
export function findingId(mapId: string, finding: Finding): string {
  return gapId(mapId, finding.kind, finding.subject.id, finding.secondId);
}

/**
 * Ranks findings the way `/gaps` lists them: severity first (what a coordinator must see
 * first), then the order of the rules, then the subject's name as Danes sort it, then the
 * subject's id and second id (what the gap id is made of), so the order never depends on how
 * the database happened to return rows. Language-independent, so one ranking serves both
 * languages and every page; gap ids are hashed only for the gaps put into words.
 */
export function rankFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((finding) => {
    const rank = SEVERITY_RANK.get(finding.severity)! * 100 + KIND_RANK.get(finding.kind)!;
    // One string per gap, compared with `<`: rank, then name, then ids.
    const ids = `${finding.subject.id}\u0000${finding.secondId ?? ''}`;
    return {
      finding,
      key: `${String(rank).padStart(4, '0')}${sortKey(finding.subject.name)}\u0000${ids}`,
    };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.finding);
}

/** Puts ranked findings of map `mapId` into words, in the order given. */
export function toGaps(mapId: string, ranked: readonly Finding[], context: RenderContext): Gap[] {
  return ranked.map((finding) => {
    const id = findingId(mapId, finding);
    const texts = TEXTS.get(finding.kind)![context.lang](finding, context);
    // The finding's kind and details belong together by construction (each rule builds both);
    // the compiler cannot follow that through the map of texts, so it is asserted here once.
    return {
      id,
      kind: finding.kind,
      severity: finding.severity,
      subject: finding.subject,
      related: finding.related,
      message: texts.message,
      explanation: texts.explanation,
      ...(texts.suggestion ? { suggestion: texts.suggestion } : {}),
      ...(finding.details ? { details: finding.details } : {}),
    } as Gap;
  });
}

/** Counts by kind and by severity, every kind and severity present (zero when none). */
export function summarise(ranked: readonly Finding[]): GapSummary {
  const byKind = Object.fromEntries(GAP_KINDS.map((kind) => [kind, 0])) as Record<GapKind, number>;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of ranked) {
    byKind[finding.kind]++;
    bySeverity[finding.severity]++;
  }
  return { total: ranked.length, byKind, bySeverity };
}
