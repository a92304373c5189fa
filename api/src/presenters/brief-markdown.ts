import type { Brief } from '../../../graph-schema/brief.ts';
import { longDate, sentence } from '../analysis/i18n.ts';
import { BRIEF_LABELS, lastMeetingLine, partyFacts } from './brief-labels.ts';

/** Markdown's own characters in text taken from the map, so names cannot turn into markup. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function list(lines: string[], none: string): string[] {
  return lines.length > 0 ? lines.map((line) => `- ${md(line)}`) : [`- ${none}`];
}

/** A brief as Markdown: the agenda first, then the parties, the common ground and the rest. */
export function briefMarkdown(brief: Brief): string {
  const l = BRIEF_LABELS[brief.lang];
  const date = (d: string) => longDate(d, brief.lang);
  const out: string[] = [
    `# ${md(brief.title)}`,
    '',
    `**${l.objective}:** ${md(brief.objective)}  `,
    `**${l.kind[brief.kind]}** · ${md(brief.map.name)} · ${l.asOf} ${date(brief.asOf)}`,
    '',
    `## ${l.agenda}`,
    '',
  ];
  if (brief.agenda.length === 0) out.push(l.none);
  for (const item of brief.agenda) out.push(`${item.number}. ${md(item.purpose)}`);

  out.push('', `## ${l.parties}`);
  for (const party of brief.parties) {
    out.push('', `### ${md(party.name)}`, '', md(partyFacts(party, l)), '');
    out.push(
      `**${l.commitments}**`,
      '',
      ...list(
        party.commitments.map((c) => c.label),
        l.none,
      ),
    );
    if (party.stances.length > 0) {
      out.push(
        '',
        `**${l.stances}**`,
        '',
        ...list(
          party.stances.map((s) => s.label),
          l.none,
        ),
      );
    }
    if (party.lastMeeting) {
      out.push(
        '',
        `**${l.lastMeeting}:** ${md(lastMeetingLine(party.lastMeeting, l, date(party.lastMeeting.date)))}`,
      );
    }
    if (party.openActions.length > 0) {
      out.push(
        '',
        `**${l.openActions}**`,
        '',
        ...list(
          party.openActions.map((a) => a.label),
          l.none,
        ),
      );
    }
    out.push('', `**${l.talkingPoints}**`, '', ...list(party.talkingPoints, l.none));
    out.push('', `**${l.objections}**`, '', ...list(party.objections, l.none));
  }

  const ground = brief.commonGround;
  out.push('', `## ${l.commonGround}`, '', `### ${l.sharedTargets}`, '');
  out.push(
    ...list(
      ground.targets.map((t) => {
        const who = t.parties.map((p) => p.name).join(', ');
        return `${t.target.name}${t.live ? '' : ` (${l.notLive})`}: ${who}`;
      }),
      l.none,
    ),
  );
  out.push('', `### ${l.sharedForums}`, '');
  out.push(
    ...list(
      ground.forums.map((f) => `${f.name}: ${f.members.map((m) => m.name).join(', ')}`),
      l.none,
    ),
  );
  out.push(
    '',
    `### ${l.collaborations}`,
    '',
    ...list(
      ground.collaborations.map((c) => c.label),
      l.none,
    ),
  );

  out.push(
    '',
    `## ${l.gaps}`,
    '',
    ...list(
      brief.gaps.map((g) => g.message),
      l.none,
    ),
  );
  out.push(
    '',
    `### ${l.uncoordinated}`,
    '',
    ...list(
      brief.uncoordinatedPairs.map((p) => p.label),
      l.none,
    ),
  );
  out.push(
    '',
    `## ${l.alliances}`,
    '',
    ...list(
      brief.alliances.map(
        (s) =>
          `${s.actorA.name} + ${s.actorB.name}: ${s.reasons.map((r) => sentence(r.text)).join(' ')}`,
      ),
      l.none,
    ),
  );
  out.push(
    '',
    `## ${l.followUps}`,
    '',
    ...list(
      brief.followUps.map((a) => a.label),
      l.none,
    ),
  );
  out.push(
    '',
    `## ${l.decisions}`,
    '',
    ...list(
      brief.decisions.map((d) => d.label),
      l.none,
    ),
  );
  out.push('', `_${l.illustrative}_`, '');
  return out.join('\n');
}
