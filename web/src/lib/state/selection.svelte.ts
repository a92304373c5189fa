/**
 * The parties someone has picked on the map: shift-click, a box drawn with shift held, or
 * Shift+Enter on the keyboard's node. It is application state, in the URL (`pick=`), and what
 * other parts of the app work on (a brief for a meeting with these parties, a focus on them).
 *
 * The interface, for those parts:
 * - `ids`: the picked ids, in the order they were picked (reactive; replaced whole on change);
 * - `has(id)`, `size`;
 * - `add(...ids)`, `remove(id)`, `toggle(id)`, `clear()`, `set(ids)` (drops repeats);
 * - `focus()`: the map fades everything but these parties and what connects them, and zooms to
 *   them (what the app passes in as `onfocus`).
 * The map picks actors only. `AppState.picked` is the app's one selection.
 */
export class ActorSelection {
  ids = $state.raw<readonly string[]>([]);

  constructor(private readonly onfocus: (ids: readonly string[]) => void = () => {}) {}

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.ids.includes(id);
  }

  add(...ids: string[]): void {
    const fresh = ids.filter((id, index) => !this.ids.includes(id) && ids.indexOf(id) === index);
    if (fresh.length) this.ids = [...this.ids, ...fresh];
  }

  remove(id: string): void {
    if (this.has(id)) this.ids = this.ids.filter((other) => other !== id);
  }

  toggle(id: string): void {
    if (this.has(id)) this.remove(id);
    else this.add(id);
  }

  clear(): void {
    if (this.ids.length) this.ids = [];
  }

  /** Brings the picked parties into focus on the map; nothing when none are picked. */
  focus(): void {
    if (this.ids.length) this.onfocus(this.ids);
  }

  set(ids: readonly string[]): void {
    const next = ids.filter((id, index) => ids.indexOf(id) === index);
    if (next.length !== this.ids.length || next.some((id, index) => id !== this.ids[index])) {
      this.ids = next;
    }
  }
}
