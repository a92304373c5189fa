import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Brief } from '../../../graph-schema/brief.ts';
import { longDate, sentence } from '../analysis/i18n.ts';
import { BRIEF_LABELS, lastMeetingLine, partyFacts } from './brief-labels.ts';

/**
 * A brief as PDF, laid out by pdfmake on the server from a plain document description: no
 * browser. The fonts are the Roboto files pdfmake ships (they carry æ, ø and å), embedded from
 * the installed package; nothing is fetched, and pdfmake may read no other file and no URL.
 */

type Content = string | Record<string, unknown> | Content[];

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as PdfMake;
const fonts = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
const fontDir = dirname(fonts.Roboto.normal!);
pdfmake.setFonts(fonts);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));

const bullets = (lines: string[], none: string): Content =>
  lines.length > 0 ? { ul: lines, margin: [0, 0, 0, 6] } : { text: none, margin: [0, 0, 0, 6] };

const heading = (text: string): Content => ({ text, style: 'h2' });
const label = (text: string): Content => ({ text, style: 'label' });

/** The document: the agenda first, then the parties, the common ground and the rest. */
function document(brief: Brief): Record<string, unknown> {
  const l = BRIEF_LABELS[brief.lang];
  const date = (d: string) => longDate(d, brief.lang);
  const content: Content[] = [
    { text: brief.title, style: 'h1' },
    {
      text: [{ text: `${l.objective}: `, bold: true }, brief.objective],
      margin: [0, 0, 0, 2],
    },
    {
      text: `${l.kind[brief.kind]} · ${brief.map.name} · ${l.asOf} ${date(brief.asOf)}`,
      style: 'muted',
    },
    heading(l.agenda),
    brief.agenda.length > 0
      ? { ol: brief.agenda.map((item) => item.purpose), margin: [0, 0, 0, 6] }
      : l.none,
    heading(l.parties),
  ];
  for (const party of brief.parties) {
    content.push(
      { text: party.name, style: 'h3' },
      { text: partyFacts(party, l), style: 'muted' },
      label(l.commitments),
      bullets(
        party.commitments.map((c) => c.label),
        l.none,
      ),
    );
    if (party.stances.length > 0) {
      content.push(
        label(l.stances),
        bullets(
          party.stances.map((s) => s.label),
          l.none,
        ),
      );
    }
    if (party.lastMeeting) {
      content.push({
        text: [
          { text: `${l.lastMeeting}: `, bold: true },
          lastMeetingLine(party.lastMeeting, l, date(party.lastMeeting.date)),
        ],
        margin: [0, 0, 0, 6],
      });
    }
    if (party.openActions.length > 0) {
      content.push(
        label(l.openActions),
        bullets(
          party.openActions.map((a) => a.label),
          l.none,
        ),
      );
    }
    content.push(
      label(l.talkingPoints),
      bullets(party.talkingPoints, l.none),
      label(l.objections),
      bullets(party.objections, l.none),
    );
  }
  const ground = brief.commonGround;
  content.push(
    heading(l.commonGround),
    label(l.sharedTargets),
    bullets(
      ground.targets.map((t) => {
        const who = t.parties.map((p) => p.name).join(', ');
        return `${t.target.name}${t.live ? '' : ` (${l.notLive})`}: ${who}`;
      }),
      l.none,
    ),
    label(l.sharedForums),
    bullets(
      ground.forums.map((f) => `${f.name}: ${f.members.map((m) => m.name).join(', ')}`),
      l.none,
    ),
    label(l.collaborations),
    bullets(
      ground.collaborations.map((c) => c.label),
      l.none,
    ),
    heading(l.gaps),
    bullets(
      brief.gaps.map((g) => g.message),
      l.none,
    ),
    label(l.uncoordinated),
    bullets(
      brief.uncoordinatedPairs.map((p) => p.label),
      l.none,
    ),
    heading(l.alliances),
    bullets(
      brief.alliances.map(
        (s) =>
          `${s.actorA.name} + ${s.actorB.name}: ${s.reasons.map((r) => sentence(r.text)).join(' ')}`,
      ),
      l.none,
    ),
    heading(l.followUps),
    bullets(
      brief.followUps.map((a) => a.label),
      l.none,
    ),
    heading(l.decisions),
    bullets(
      brief.decisions.map((d) => d.label),
      l.none,
    ),
    { text: l.illustrative, style: 'muted', margin: [0, 12, 0, 0] },
  );
  return {
    info: { title: brief.title, creator: 'Samspil' },
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    content,
    footer: (page: number, pages: number) => ({
      text: `${brief.title} · ${page}/${pages}`,
      style: 'muted',
      alignment: 'center',
    }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
      label: { bold: true, margin: [0, 4, 0, 2] },
      muted: { color: '#555555', fontSize: 9, margin: [0, 0, 0, 4] },
    },
  };
}

/**
 * pdfmake rewrites the lists of the document it is given in place, so it gets a copy: the brief
 * itself is cached and serves the JSON and Markdown answers too.
 */
export function briefPdf(brief: Brief): Promise<Buffer> {
  return pdfmake.createPdf(document(structuredClone(brief))).getBuffer();
}
