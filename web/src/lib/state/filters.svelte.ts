import type { Sector, Status } from '../../../../graph-schema/enums.ts';
import { EMPTY_FILTERS, type FilterSpec, type SizeBy } from '../graph/to-elements.ts';
import type { GraphNodeData } from '../types.ts';

type ListFilter = 'sectors' | 'statuses' | 'areas' | 'plans' | 'goals';
type ShowKind = keyof FilterSpec['show'];

/** What the map shows: filters, kind toggles, actor sizing and the gap overlay. */
export class FilterState {
  sectors = $state<Sector[]>([]);
  statuses = $state<Status[]>([]);
  areas = $state<string[]>([]);
  plans = $state<string[]>([]);
  goals = $state<string[]>([]);
  show = $state({ ...EMPTY_FILTERS.show });
  sizeBy = $state<SizeBy>('influence');
  overlay = $state(false);
  showSuggestions = $state(true);

  /** A plain snapshot for `toElements`. */
  spec: FilterSpec = $derived({
    sectors: [...this.sectors],
    statuses: [...this.statuses],
    areas: [...this.areas],
    plans: [...this.plans],
    goals: [...this.goals],
    show: { ...this.show },
  });

  activeCount = $derived(
    this.sectors.length +
      this.statuses.length +
      this.areas.length +
      this.plans.length +
      this.goals.length,
  );

  toggle(filter: ListFilter, value: string): void {
    const list = this[filter] as string[];
    const next = list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
    (this[filter] as string[]) = next;
  }

  has(filter: ListFilter, value: string): boolean {
    return (this[filter] as string[]).includes(value);
  }

  setShow(kind: ShowKind, on: boolean): void {
    this.show = { ...this.show, [kind]: on };
  }

  clear(): void {
    this.sectors = [];
    this.statuses = [];
    this.areas = [];
    this.plans = [];
    this.goals = [];
  }

  /**
   * Makes sure `node` can be seen (for search and gap focus): switches its kind on and clears
   * the filters, unless it already passes them. Returns whether anything changed.
   */
  reveal(node: Pick<GraphNodeData, 'kind'>, isVisible: boolean): boolean {
    let changed = false;
    const kindToggle: Partial<Record<GraphNodeData['kind'], ShowKind>> = {
      plan: 'plans',
      goal: 'goals',
      area: 'areas',
      forum: 'forums',
    };
    const toggle = kindToggle[node.kind];
    if (toggle && !this.show[toggle]) {
      this.setShow(toggle, true);
      changed = true;
    }
    if (!isVisible && this.activeCount > 0) {
      this.clear();
      changed = true;
    }
    return changed;
  }
}
