import ExcelJS from 'exceljs';

/**
 * Kumu files built as Kumu's documentation describes them (docs.kumu.io, "Structure your data
 * for Kumu", "How do I avoid duplicating data?", "JSON / Blueprints"): element sheets with
 * `Label` first or `ID` then `Label`, connection sheets with `From` and `To`, pipes for several
 * values, custom fields as any other column, `(ignore)` sheets, two blank rows between
 * sections, connections to labels that have no element row, and the two JSON forms.
 */

export async function kumuWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const elements = workbook.addWorksheet('Elements');
  elements.addRow([
    'ID',
    'Label',
    'Type',
    'Description',
    'Tags',
    '',
    'Organization',
    'Net worth',
    'Sector',
  ]);
  elements.addRow([
    'person-1',
    'Jeff Mohr',
    'Person',
    'Co-Founder and CEO, always\nup for learning',
    'Founder|Male|Runner',
    'stray',
    'Kumu',
    1_000_000,
    null,
  ]);
  elements.addRow([
    'company-1',
    'Kumu',
    'Company',
    'A web-based platform for mapping relationships',
    'Mapping|Technology',
    null,
    null,
    null,
    'business',
  ]);
  elements.addRow([
    null,
    'Byfornyelse',
    'Project',
    'Renewal of the estate',
    null,
    null,
    null,
    null,
    null,
  ]);
  elements.addRow([null, 'Pipeline', 'Head high', null, null, null, null, null, null]);
  elements.addRow([null, 'Pipeline', 'Double overhead', null, null, null, null, null, null]);
  elements.addRow([null, 'Waimea Bay', null, 'first', null, null, null, null, null]);
  elements.addRow([null, 'Waimea Bay', null, 'second, further down', null, null, null, null, null]);
  // Two blank rows: a new section with headers of its own.
  elements.addRow([]);
  elements.addRow([]);
  elements.addRow(['Label', 'Type', 'Website']);
  elements.addRow(['Styregruppen', 'Forum', 'https://example.org/styregruppe']);

  const connections = workbook.addWorksheet('Connections');
  connections.addRow(['ID', 'From', 'To', 'Type', 'Direction', 'Label', 'Strength', 'Since']);
  connections.addRow([
    'conn-1',
    'person-1',
    'company-1',
    'Employment',
    'directed',
    'CEO',
    3,
    new Date(Date.UTC(2011, 0, 1)),
  ]);
  connections.addRow([null, 'Barack', 'Michelle', 'Personal', 'mutual', null, 'Strong', null]);
  connections.addRow([null, 'Kumu', 'Byfornyelse', 'Funding', 'directed', null, null, null]);
  connections.addRow([
    null,
    'Jeff Mohr',
    'Barack|Waimea Bay',
    null,
    'undirected',
    null,
    null,
    null,
  ]);
  connections.addRow([null, 'Jeff Mohr', 'Styregruppen', 'Member', 'directed', null, null, null]);

  const notes = workbook.addWorksheet('Notes (ignore)');
  notes.addRow(['Anything', 'at', 'all']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The short blueprint of Kumu's guide: `{label, type, …}` with ids on some elements. */
export const shortBlueprint = {
  elements: [
    { label: 'A', type: 'Letter', description: 'This is A', tags: ['one', 'two'] },
    { label: 'B', type: 'Letter', 'Favorite Dessert': 'shave ice' },
    { id: 'e1', label: 'Twin' },
    { id: 'e2', label: 'Twin' },
  ],
  connections: [
    { from: 'A', to: 'B', type: 'likes' },
    { from: 'A', to: 'B', direction: 'mutual' },
    { id: 'c1', from: 'e1', to: 'e2' },
  ],
};

/** A blueprint as Kumu's project export writes it: `_id` and fields under `attributes`. */
export const exportedBlueprint = {
  elements: [
    {
      _id: 'el-1',
      attributes: {
        label: 'Kommunen',
        'element type': 'Municipality',
        description: 'Høje-Taastrup Kommune',
        tags: ['public'],
        budget: 12,
      },
    },
    { _id: 'el-2', attributes: { label: 'Helhedsplan', 'element type': 'Initiative' } },
  ],
  connections: [
    {
      _id: 'cn-1',
      from: 'el-1',
      to: 'el-2',
      direction: 'directed',
      delayed: false,
      reversed: false,
      attributes: { 'connection type': 'owner', label: 'leads' },
    },
  ],
  maps: [{ name: 'Map' }],
};
