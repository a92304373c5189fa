import type { User } from '../../../../graph-schema/index.ts';
import type { ApiClient } from '../api.ts';
import { toApiError } from './map-store.svelte.ts';

/** Where a share link's token is kept while its tab is open (never in localStorage). */
export const SHARE_STORAGE_KEY = 'samspil.share';

export interface SharedMap {
  mapId: string;
  token: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Who is using the app: a signed-in user (the session cookie, which the browser keeps and
 * script cannot read), or the visitor of a read-only share link, whose token is kept in
 * sessionStorage and sent as a bearer token. `checking` until the API has said which.
 */
export class SessionState {
  status = $state<'checking' | 'signedIn' | 'signedOut' | 'share'>('checking');
  user = $state.raw<User | null>(null);
  share = $state.raw<SharedMap | null>(null);
  /** The share link was revoked or expired while open. */
  linkGone = $state(false);
  /** Signed out by the API (an expired session), rather than by the user. */
  expired = $state(false);

  constructor(
    private readonly api: ApiClient,
    private readonly storage: Storage | null = typeof sessionStorage === 'undefined'
      ? null
      : sessionStorage,
  ) {
    api.onUnauthenticated = () => {
      if (this.status === 'share') this.linkGone = true;
      else if (this.status === 'signedIn') {
        this.expired = true;
        this.user = null;
        this.status = 'signedOut';
      }
    };
  }

  /**
   * Decides who is using the app: a share link in the address (`?share=`, then kept for the
   * tab) or one kept from before, else whoever the session cookie signs in, else nobody.
   */
  async start(fromAddress?: SharedMap): Promise<void> {
    if (fromAddress) this.storage?.setItem(SHARE_STORAGE_KEY, JSON.stringify(fromAddress));
    const kept = fromAddress ?? this.keptShare();
    if (kept) {
      this.share = kept;
      this.api.bearer = kept.token;
      this.status = 'share';
      return;
    }
    try {
      this.user = (await this.api.me()).user;
      this.status = 'signedIn';
    } catch (error) {
      if (toApiError(error).status !== 401) throw error;
      this.status = 'signedOut';
    }
  }

  private keptShare(): SharedMap | null {
    try {
      const value = JSON.parse(this.storage?.getItem(SHARE_STORAGE_KEY) ?? 'null') as unknown;
      const share = value as Partial<SharedMap> | null;
      return share && typeof share.mapId === 'string' && typeof share.token === 'string'
        ? { mapId: share.mapId, token: share.token }
        : null;
    } catch {
      return null;
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    this.user = (await this.api.login(email, password)).user;
    this.expired = false;
    this.status = 'signedIn';
  }

  /** Accepting an invitation signs in too. */
  async acceptInvitation(token: string, name: string, password: string): Promise<void> {
    this.user = (await this.api.acceptInvitation(token, name, password)).user;
    this.status = 'signedIn';
  }

  async signOut(): Promise<void> {
    await this.api.logout();
    this.user = null;
    this.status = 'signedOut';
  }

  /** Leaves a share link's read-only view (to sign in instead). */
  leaveShare(): void {
    this.storage?.removeItem(SHARE_STORAGE_KEY);
    this.api.bearer = null;
    this.share = null;
    this.linkGone = false;
    this.status = 'checking';
  }
}
