const LINKABLE = new Set(['http:', 'https:']);

/**
 * A URL from data as a link target: only absolute `http:` and `https:` URLs are. Anything else
 * (`javascript:`, `data:`, `vbscript:`, relative or broken text) gives `null`, and the caller shows
 * the text without a link. The parsed form is returned, so what the browser follows is exactly
 * what was checked.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return LINKABLE.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
