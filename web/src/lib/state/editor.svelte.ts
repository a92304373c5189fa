import type { ApiClient, Collection, Entity } from '../api.ts';
import type { ApiError, FieldProblem } from '../api.ts';
import { FORMS, formFieldErrors, toBody, toFormValues, type FormValues } from '../forms.ts';
import type { Gap } from '../types.ts';
import { toApiError } from './map-store.svelte.ts';

export interface OpenForm {
  collection: Collection;
  mode: 'create' | 'edit';
  id?: string;
  version?: number;
  /** Values as loaded (edit) or preset (create); the form edits a copy. */
  initial: FormValues;
}

export interface PendingDelete {
  collection: Collection;
  id: string;
  name: string;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  undo?: () => Promise<void>;
  /** What the change did to the analysis: gaps that went, and gaps that came. */
  closed?: Gap[];
  opened?: Gap[];
}

/** The map's gaps by id, or null when they could not all be read. */
export type GapSnapshot = Map<string, Gap> | null;

/** Gaps in `after` and not in `before` (opened), and the other way round (closed). */
export function gapChanges(
  before: GapSnapshot,
  after: GapSnapshot,
): { closed: Gap[]; opened: Gap[] } | null {
  if (!before || !after) return null;
  return {
    closed: [...before.values()].filter((gap) => !after.has(gap.id)),
    opened: [...after.values()].filter((gap) => !before.has(gap.id)),
  };
}

export interface EditorHooks {
  mapId: () => string | null;
  /** After any change: reload the graph and the analysis. */
  changed: () => Promise<void> | void;
  /** The map's gaps as they are now; compared before and after a change. */
  gaps?: () => Promise<GapSnapshot>;
  /** Text for messages, in the current language. */
  text: {
    saved: () => string;
    created: (collection: Collection) => string;
    deleted: (collection: Collection) => string;
    undone: () => string;
  };
}

/**
 * Creating, editing and deleting through forms: the open form with the API's field errors,
 * the stale-version (412) state with its reload, delete confirmation, and undo of every save
 * and delete through the change history (a deleted element comes back under its own id, with
 * the facts and links its delete took along).
 */
export class EditorState {
  form = $state.raw<OpenForm | null>(null);
  fieldErrors = $state.raw<Record<string, FieldProblem>>({});
  formError = $state<string | null>(null);
  stale = $state(false);
  saving = $state(false);
  loading = $state(false);
  pendingDelete = $state.raw<PendingDelete | null>(null);
  toast = $state.raw<Toast | null>(null);
  /** Bumped whenever the form's values are replaced from outside (reload latest). */
  formRevision = $state(0);

  private toastCounter = 0;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly hooks: EditorHooks,
  ) {}

  openCreate(collection: Collection, preset: Record<string, unknown> = {}): void {
    this.resetErrors();
    this.form = { collection, mode: 'create', initial: toFormValues(collection, preset) };
    this.formRevision++;
  }

  /** Opens an edit form with the element as the API has it now (its current version). */
  async openEdit(collection: Collection, id: string): Promise<void> {
    const mapId = this.hooks.mapId();
    if (!mapId) return;
    this.resetErrors();
    this.loading = true;
    try {
      const entity = await this.api.get(mapId, collection, id);
      this.form = {
        collection,
        mode: 'edit',
        id,
        version: entity.version,
        initial: toFormValues(collection, entity),
      };
      this.formRevision++;
    } catch (error) {
      this.showError(toApiError(error).message);
    } finally {
      this.loading = false;
    }
  }

  close(): void {
    this.form = null;
    this.resetErrors();
  }

  private resetErrors(): void {
    this.fieldErrors = {};
    this.formError = null;
    this.stale = false;
  }

  /** Saves the form; returns the saved entity, or null when the API refused (errors shown). */
  async submit(values: FormValues): Promise<Entity | null> {
    const form = this.form;
    const mapId = this.hooks.mapId();
    if (!form || !mapId) return null;
    this.saving = true;
    this.resetErrors();
    const before = await this.gapsNow();
    try {
      let saved: Entity;
      if (form.mode === 'create') {
        saved = await this.api.create(mapId, form.collection, toBody(form.collection, values));
      } else {
        const body = toBody(form.collection, values, form.initial);
        if (Object.keys(body).length === 0) {
          this.close();
          return null;
        }
        saved = await this.api.update(mapId, form.collection, form.id!, body, form.version);
      }
      this.form = null;
      // The map reloads while the undo is looked up; the message waits only for the latter, and
      // learns what the change did to the gaps once the analysis is back.
      const changed = this.hooks.changed();
      const toast = this.notify(
        form.mode === 'create' ? this.hooks.text.created(form.collection) : this.hooks.text.saved(),
        await this.undoOf(mapId, saved.id),
      );
      await changed;
      await this.reportGaps(toast, before);
      return saved;
    } catch (error) {
      this.applyError(toApiError(error));
      return null;
    } finally {
      this.saving = false;
    }
  }

  private applyError(error: ApiError): void {
    if (error.status === 412) {
      this.stale = true;
      this.formError = error.message;
      return;
    }
    this.fieldErrors = formFieldErrors(error.fieldProblems());
    const known = new Set(FORMS[this.form?.collection ?? 'actors'].map((field) => field.name));
    const placed = Object.keys(this.fieldErrors).some((field) => known.has(field));
    // Validation problems sit next to their fields; anything else (409, 404, 503…) shows on top.
    this.formError = placed && error.code === 'validation_failed' ? null : error.message;
  }

  /** After a 412: loads the latest version into the form (the user's edits are replaced). */
  async reloadLatest(): Promise<void> {
    const form = this.form;
    if (!form?.id) return;
    await this.openEdit(form.collection, form.id);
  }

  askDelete(collection: Collection, id: string, name: string): void {
    this.pendingDelete = { collection, id, name };
  }

  cancelDelete(): void {
    this.pendingDelete = null;
  }

  /** Deletes the confirmed element and offers to undo it. */
  async confirmDelete(): Promise<boolean> {
    const pending = this.pendingDelete;
    const mapId = this.hooks.mapId();
    if (!pending || !mapId) return false;
    this.pendingDelete = null;
    try {
      const before = await this.gapsNow();
      const entity = await this.api.get(mapId, pending.collection, pending.id);
      await this.api.remove(mapId, pending.collection, pending.id, entity.version);
      if (this.form?.id === pending.id) this.form = null;
      const changed = this.hooks.changed();
      const toast = this.notify(
        this.hooks.text.deleted(pending.collection),
        await this.undoOf(mapId, pending.id),
      );
      await changed;
      await this.reportGaps(toast, before);
      return true;
    } catch (error) {
      this.showError(toApiError(error).message);
      return false;
    }
  }

  /** Undo of the latest change to `entityId`: revert it through the change history. */
  private async undoOf(
    mapId: string,
    entityId: string,
  ): Promise<(() => Promise<void>) | undefined> {
    const latest = await this.api
      .history(mapId, { entityId, limit: 1 })
      .then((page) => page.items[0])
      .catch(() => undefined);
    if (!latest) return undefined;
    return async () => {
      try {
        const before = await this.gapsNow();
        await this.api.revert(mapId, latest.id);
        const toast = this.notify(this.hooks.text.undone());
        await this.hooks.changed();
        await this.reportGaps(toast, before);
      } catch (error) {
        this.showError(toApiError(error).message);
      }
    };
  }

  /**
   * A change made elsewhere (a chip moved on the grid): `write` runs, the map reloads, and the
   * message names the gaps it closed and opened, like a form's save. Errors are the caller's.
   */
  async track<T>(write: () => Promise<T>, message: (result: T) => string): Promise<T> {
    const before = await this.gapsNow();
    const result = await write();
    const changed = this.hooks.changed();
    const toast = this.notify(message(result));
    await changed;
    await this.reportGaps(toast, before);
    return result;
  }

  /** Shows a message; returns its id, so that a later finding can be added to it. */
  notify(message: string, undo?: () => Promise<void>): number {
    const id = ++this.toastCounter;
    this.setToast({ id, message, tone: 'info', undo });
    return id;
  }

  private async gapsNow(): Promise<GapSnapshot> {
    return this.hooks.gaps ? this.hooks.gaps().catch(() => null) : null;
  }

  /** Adds the gaps a change closed and opened to its message, if that is still on screen. */
  private async reportGaps(toastId: number, before: GapSnapshot): Promise<void> {
    if (!before) return;
    const changes = gapChanges(before, await this.gapsNow());
    const toast = this.toast;
    if (!changes || toast?.id !== toastId) return;
    if (changes.closed.length === 0 && changes.opened.length === 0) return;
    this.setToast({ ...toast, ...changes });
  }

  /** Keeps the message on screen while the pointer or the keyboard is on it. */
  holdToast(hold: boolean): void {
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = null;
    const toast = this.toast;
    if (!hold && toast) this.setToast(toast);
  }

  showError(message: string): void {
    this.setToast({ id: ++this.toastCounter, message, tone: 'error' });
  }

  private setToast(toast: Toast): void {
    this.toast = toast;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    // An undo, or gaps to look at, stay on offer longer than a plain message.
    const links = (toast.closed?.length ?? 0) + (toast.opened?.length ?? 0);
    this.toastTimer = setTimeout(
      () => {
        if (this.toast?.id === toast.id) this.toast = null;
      },
      links ? 20_000 : toast.undo ? 12_000 : 5_000,
    );
  }

  async undoToast(): Promise<void> {
    const undo = this.toast?.undo;
    this.toast = null;
    if (undo) await undo();
  }

  dismissToast(): void {
    this.toast = null;
  }
}
