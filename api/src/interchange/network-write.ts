import type { FactModel, Field, NodeModel } from '../../../graph-schema/index.ts';
import { TABLE_MODELS, isFactModel } from './columns.ts';
import { rowsOf, type ExportInput } from './export-rows.ts';
import type { Entity } from './plan.ts';

/**
 * The map as a network for analysts (Gephi, Cytoscape, yEd): GEXF 1.3 and GraphML. Every node
 * kind and every fact kind is in it, typed by a `kind` attribute, with each model's own fields
 * as attributes and structural links (part of, located in, …) as edges. In GEXF the graph is
 * dynamic: each fact's validity (`from`, `to`) is its edge's interval, so Gephi's timeline
 * shows the network at any date. The attribute lists are derived from the models.
 */

type AttributeType = 'string' | 'integer' | 'long' | 'double';

interface Attribute {
  id: string;
  title: string;
  type: AttributeType;
}

interface Element {
  id: string;
  label: string;
  values: Record<string, string | number>;
  source?: string;
  target?: string;
  undirected?: boolean;
  start?: string;
  end?: string;
  weight?: number;
}

const nodeModels = TABLE_MODELS.filter((m): m is NodeModel => !isFactModel(m));
const factModels = TABLE_MODELS.filter(isFactModel);

/** Characters XML 1.0 does not allow, even escaped. */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- control characters are what it strips
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The attribute a field becomes, and its name: a model's own `kind` is `<model kind>Kind`. */
function fieldAttributes(model: NodeModel | FactModel, name: string, field: Field): Attribute[] {
  const id = name === 'kind' ? `${model.kind}Kind` : name;
  const schema = field.schema as { maximum?: number };
  switch (field.storage) {
    case 'int':
      return [{ id, title: id, type: (schema.maximum ?? 0) > 2 ** 31 ? 'long' : 'integer' }];
    case 'string':
    case 'date':
    case 'stringList':
      return [{ id, title: id, type: 'string' }];
    case 'source':
      return ['Kind', 'Url', 'Note'].map((part) => ({
        id: `source${part}`,
        title: `source${part}`,
        type: 'string',
      }));
    default:
      return [];
  }
}

function fieldValues(
  model: NodeModel | FactModel,
  entity: Entity,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, field] of Object.entries(model.fields) as [string, Field][]) {
    const value = entity[name];
    if (value === null || value === undefined) continue;
    const id = name === 'kind' ? `${model.kind}Kind` : name;
    if (field.storage === 'source') {
      const source = value as Record<string, string | undefined>;
      if (source.kind) out.sourceKind = source.kind;
      if (source.url) out.sourceUrl = source.url;
      if (source.note) out.sourceNote = source.note;
    } else if (field.storage === 'stringList') {
      if ((value as string[]).length) out[id] = (value as string[]).join('|');
    } else if (['string', 'int', 'date'].includes(field.storage)) {
      out[id] = value as string | number;
    }
  }
  const custom = (entity.attributes ?? {}) as Record<string, string | number>;
  for (const [key, value] of Object.entries(custom)) out[`attr:${key}`] = value;
  return out;
}

/** The attribute list of a class: `kind`, every model's fields, and the custom fields by type. */
function declare(models: readonly (NodeModel | FactModel)[], elements: Element[]): Attribute[] {
  const byId = new Map<string, Attribute>([
    ['kind', { id: 'kind', title: 'kind', type: 'string' }],
  ]);
  for (const model of models) {
    for (const [name, field] of Object.entries(model.fields) as [string, Field][]) {
      for (const attribute of fieldAttributes(model, name, field)) {
        if (!byId.has(attribute.id)) byId.set(attribute.id, attribute);
      }
    }
  }
  const customTypes = new Map<string, AttributeType>();
  for (const element of elements) {
    for (const [key, value] of Object.entries(element.values)) {
      if (!key.startsWith('attr:')) continue;
      const type: AttributeType = typeof value === 'number' ? 'double' : 'string';
      const known = customTypes.get(key);
      customTypes.set(key, known && known !== type ? 'string' : type);
    }
  }
  for (const [id, type] of customTypes) byId.set(id, { id, title: id.slice('attr:'.length), type });
  return [...byId.values()];
}

function network(input: ExportInput): { nodes: Element[]; edges: Element[] } {
  const nodes: Element[] = [];
  const present = new Set<string>();
  for (const model of nodeModels) {
    for (const entity of rowsOf(input.content, model)) {
      present.add(entity.id);
      nodes.push({
        id: entity.id,
        label: String(entity[model.nameField] ?? ''),
        values: { kind: model.kind, ...fieldValues(model, entity) },
      });
    }
  }
  const edges: Element[] = [];
  for (const model of factModels) {
    for (const entity of rowsOf(input.content, model)) {
      const toField = model.to.find((field) => entity[field]);
      const source = entity[model.from] as string;
      const target = toField ? (entity[toField] as string) : '';
      if (!present.has(source) || !present.has(target)) continue;
      const values = fieldValues(model, entity);
      delete values[model.from];
      for (const end of model.to) delete values[end];
      edges.push({
        id: entity.id,
        label: model.kind,
        source,
        target,
        undirected: model.undirected,
        values: { kind: model.kind, ...values },
        start: (entity.from as string | null) ?? undefined,
        end: (entity.to as string | null) ?? undefined,
        weight: typeof entity.strength === 'number' ? entity.strength : undefined,
      });
    }
  }
  for (const model of nodeModels) {
    for (const [name, field] of Object.entries(model.fields) as [string, Field][]) {
      if (!field.link) continue;
      const kind = field.link.rel.toLowerCase();
      for (const entity of rowsOf(input.content, model)) {
        const value = entity[name];
        const items = (Array.isArray(value) ? value : value ? [value] : []) as unknown[];
        for (const item of items) {
          const target = field.link.key
            ? String((item as Record<string, unknown>)[field.link.key])
            : String(item);
          if (!present.has(target)) continue;
          edges.push({
            id: `${kind}:${entity.id}:${target}`,
            label: kind,
            source: entity.id,
            target,
            values: { kind },
          });
        }
      }
    }
  }
  return { nodes, edges };
}

const GEXF_TYPES: Record<AttributeType, string> = {
  string: 'string',
  integer: 'integer',
  long: 'long',
  double: 'double',
};

/** `format=gexf`: GEXF 1.3, a dynamic graph whose edges live while their facts are valid. */
export function gexf(input: ExportInput): string {
  const { nodes, edges } = network(input);
  const nodeAttributes = declare(nodeModels, nodes);
  const edgeAttributes = declare(factModels, edges);
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta lastmodifieddate="${input.exportedAt.slice(0, 10)}">`,
    '    <creator>Samspil</creator>',
    `    <description>${xml(input.map.name)}</description>`,
    '  </meta>',
    '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">',
  ];
  const attributes = (kind: 'node' | 'edge', list: Attribute[]) => {
    lines.push(`    <attributes class="${kind}" mode="static">`);
    for (const a of list) {
      lines.push(
        `      <attribute id="${xml(a.id)}" title="${xml(a.title)}" type="${GEXF_TYPES[a.type]}"/>`,
      );
    }
    lines.push('    </attributes>');
  };
  attributes('node', nodeAttributes);
  attributes('edge', edgeAttributes);
  const values = (element: Element, declared: Attribute[], indent: string) => {
    const known = declared.filter((a) => element.values[a.id] !== undefined);
    if (!known.length) return;
    lines.push(`${indent}<attvalues>`);
    for (const a of known) {
      lines.push(
        `${indent}  <attvalue for="${xml(a.id)}" value="${xml(String(element.values[a.id]))}"/>`,
      );
    }
    lines.push(`${indent}</attvalues>`);
  };
  lines.push('    <nodes>');
  for (const node of nodes) {
    lines.push(`      <node id="${xml(node.id)}" label="${xml(node.label)}">`);
    values(node, nodeAttributes, '        ');
    lines.push('      </node>');
  }
  lines.push('    </nodes>');
  lines.push('    <edges>');
  for (const edge of edges) {
    const extra = [
      edge.undirected ? ' type="undirected"' : '',
      edge.start ? ` start="${edge.start}"` : '',
      edge.end ? ` end="${edge.end}"` : '',
      edge.weight !== undefined ? ` weight="${edge.weight}"` : '',
    ].join('');
    lines.push(
      `      <edge id="${xml(edge.id)}" source="${xml(edge.source!)}" target="${xml(edge.target!)}" label="${xml(edge.label)}"${extra}>`,
    );
    values(edge, edgeAttributes, '        ');
    lines.push('      </edge>');
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

const GRAPHML_TYPES: Record<AttributeType, string> = {
  string: 'string',
  integer: 'int',
  long: 'long',
  double: 'double',
};

/** `format=graphml`: GraphML, with the validity dates as the edges' `from` and `to`. */
export function graphml(input: ExportInput): string {
  const { nodes, edges } = network(input);
  const nodeAttributes = [
    { id: 'label', title: 'label', type: 'string' as const },
    ...declare(nodeModels, nodes),
  ];
  const edgeAttributes = [
    { id: 'label', title: 'label', type: 'string' as const },
    ...declare(factModels, edges),
  ];
  const keyId = (kind: 'n' | 'e', index: number) => `${kind}${index}`;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  nodeAttributes.forEach((a, i) =>
    lines.push(
      `  <key id="${keyId('n', i)}" for="node" attr.name="${xml(a.title)}" attr.type="${GRAPHML_TYPES[a.type]}"/>`,
    ),
  );
  edgeAttributes.forEach((a, i) =>
    lines.push(
      `  <key id="${keyId('e', i)}" for="edge" attr.name="${xml(a.title)}" attr.type="${GRAPHML_TYPES[a.type]}"/>`,
    ),
  );
  lines.push(`  <graph id="${xml(input.map.id)}" edgedefault="directed">`);
  const data = (element: Element, declared: Attribute[], kind: 'n' | 'e') => {
    const values: Record<string, string | number> = { ...element.values, label: element.label };
    declared.forEach((a, i) => {
      const value = values[a.id];
      if (value !== undefined)
        lines.push(`      <data key="${keyId(kind, i)}">${xml(String(value))}</data>`);
    });
  };
  for (const node of nodes) {
    lines.push(`    <node id="${xml(node.id)}">`);
    data(node, nodeAttributes, 'n');
    lines.push('    </node>');
  }
  for (const edge of edges) {
    const directed = edge.undirected ? ' directed="false"' : '';
    lines.push(
      `    <edge id="${xml(edge.id)}" source="${xml(edge.source!)}" target="${xml(edge.target!)}"${directed}>`,
    );
    data(edge, edgeAttributes, 'e');
    lines.push('    </edge>');
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
