import type { ApiClient, Collection, Entity, FactCollection } from '../api.ts';
import type { ApiError, FieldProblem } from '../api.ts';
import {
  FORMS,
  formFieldErrors,
  isFactCollection,
  recreateBody,
  toBody,
  toFormValues,
  type FormValues,
} from '../forms.ts';
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
}

/** What a deleted element left behind, to re-create it on undo. */
interface Deleted {
  collection: Collection;
  entity: Entity;
  /** Facts that the delete removed with a node (DETACH DELETE). */
  facts: { collection: FactCollection; entity: Entity }[];
  /** Other nodes that linked to it through an id field (planId, areaIds …). */
  backLinks: { collection: Collection; id: string; field: string }[];
}

export interface EditorHooks {
  mapId: () => string | null;
  /** After any change: reload the graph and the analysis. */
  changed: () => Promise<void> | void;
  /** Text for messages, in the current language. */
  text: {
    saved: () => string;
    created: (collection: Collection) => string;
    deleted: (collection: Collection) => string;
    restored: (collection: Collection) => string;
  };
  /** Nodes whose id fields point at `id` (from the loaded graph). */
  backLinks?: (id: string) => { collection: Collection; id: string; field: string }[];
  movePin?: (fromId: string, toId: string) => void;
}

const FACT_ENDS: Record<FactCollection, string[]> = {
  commitments: ['actorId', 'initiativeId', 'planId'],
  collaborations: ['actorAId', 'actorBId'],
  memberships: ['actorId', 'forumId'],
  stances: ['actorId', 'initiativeId', 'planId'],
};

/** Which fact lists hold the facts a node's delete removes, and the filter that finds them. */
const FACT_FILTERS: Partial<Record<Collection, [FactCollection, string][]>> = {
  actors: [
    ['commitments', 'actorId'],
    ['collaborations', 'actorId'],
    ['memberships', 'actorId'],
    ['stances', 'actorId'],
  ],
  initiatives: [
    ['commitments', 'initiativeId'],
    ['stances', 'initiativeId'],
  ],
  plans: [
    ['commitments', 'planId'],
    ['stances', 'planId'],
  ],
  forums: [['memberships', 'forumId']],
};

/**
 * Creating, editing and deleting through forms: the open form with the API's field errors,
 * the stale-version (412) state with its reload, delete confirmation and undo.
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
      this.notify(
        form.mode === 'create' ? this.hooks.text.created(form.collection) : this.hooks.text.saved(),
      );
      await this.hooks.changed();
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
      const entity = await this.api.get(mapId, pending.collection, pending.id);
      const deleted: Deleted = { collection: pending.collection, entity, facts: [], backLinks: [] };
      if (!isFactCollection(pending.collection)) {
        deleted.facts = await this.attachedFacts(mapId, pending.collection, pending.id);
        deleted.backLinks = this.hooks.backLinks?.(pending.id) ?? [];
      }
      await this.api.remove(mapId, pending.collection, pending.id, entity.version);
      if (this.form?.id === pending.id) this.form = null;
      this.notify(this.hooks.text.deleted(pending.collection), () => this.restore(deleted));
      await this.hooks.changed();
      return true;
    } catch (error) {
      this.showError(toApiError(error).message);
      return false;
    }
  }

  private async attachedFacts(mapId: string, collection: Collection, id: string) {
    const found: Deleted['facts'] = [];
    for (const [factCollection, filter] of FACT_FILTERS[collection] ?? []) {
      const items = await this.api.listAll(mapId, factCollection, { [filter]: id });
      for (const entity of items) found.push({ collection: factCollection, entity });
    }
    return found;
  }

  /** Undo: re-creates the element from its deleted data, then its facts and links. */
  private async restore(deleted: Deleted): Promise<void> {
    const mapId = this.hooks.mapId();
    if (!mapId) return;
    try {
      const copy = await this.api.create(
        mapId,
        deleted.collection,
        recreateBody(deleted.collection, deleted.entity),
      );
      const oldId = deleted.entity.id;
      const remap = (value: unknown) => (value === oldId ? copy.id : value);
      for (const fact of deleted.facts) {
        const body = recreateBody(fact.collection, fact.entity);
        for (const end of FACT_ENDS[fact.collection]) if (end in body) body[end] = remap(body[end]);
        await this.api.create(mapId, fact.collection, body).catch(() => undefined);
      }
      for (const link of deleted.backLinks) {
        const current = await this.api.get(mapId, link.collection, link.id).catch(() => null);
        if (!current) continue;
        const value = current[link.field];
        const next = Array.isArray(value) ? [...new Set([...value, copy.id])] : copy.id;
        await this.api
          .update(mapId, link.collection, link.id, { [link.field]: next }, current.version)
          .catch(() => undefined);
      }
      this.hooks.movePin?.(oldId, copy.id);
      this.notify(this.hooks.text.restored(deleted.collection));
      await this.hooks.changed();
    } catch (error) {
      this.showError(toApiError(error).message);
    }
  }

  notify(message: string, undo?: () => Promise<void>): void {
    this.setToast({ id: ++this.toastCounter, message, tone: 'info', undo });
  }

  showError(message: string): void {
    this.setToast({ id: ++this.toastCounter, message, tone: 'error' });
  }

  private setToast(toast: Toast): void {
    this.toast = toast;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    // An undo stays on offer a little longer than a plain message.
    this.toastTimer = setTimeout(
      () => {
        if (this.toast?.id === toast.id) this.toast = null;
      },
      toast.undo ? 12_000 : 5_000,
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
