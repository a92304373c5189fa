/** Room (px) each faded edge of a strip takes, which a revealed item must clear. */
const FADE_PX = 28;

/**
 * A row of links that scrolls sideways within itself where it is wider than its room (the view
 * tabs on a phone). It marks which ends hide more (`data-more-start`, `data-more-end`), for the
 * strip's CSS to fade those ends; it brings the current item (`aria-current`) into view whenever
 * `key` changes, and any item the keyboard reaches, so that neither waits half hidden under a
 * fade. It scrolls only the strip itself, never the page around it.
 */
export function scrollStrip(node: HTMLElement, key: unknown) {
  const mark = () => {
    const room = node.scrollWidth - node.clientWidth;
    node.toggleAttribute('data-more-start', room > 1 && node.scrollLeft > 1);
    node.toggleAttribute('data-more-end', room > 1 && node.scrollLeft < room - 1);
  };
  const reveal = (item: Element | null) => {
    if (!(item instanceof HTMLElement) || node.scrollWidth <= node.clientWidth) return;
    const strip = node.getBoundingClientRect();
    const box = item.getBoundingClientRect();
    const fade = Math.min(FADE_PX, Math.max(0, (strip.width - box.width) / 2));
    if (box.left < strip.left + fade) node.scrollLeft -= strip.left + fade - box.left;
    else if (box.right > strip.right - fade) node.scrollLeft += box.right - (strip.right - fade);
    mark();
  };
  const revealCurrent = () => reveal(node.querySelector('[aria-current="page"]'));
  const onfocusin = (event: FocusEvent) => reveal(event.target as Element);
  node.addEventListener('scroll', mark, { passive: true });
  node.addEventListener('focusin', onfocusin);
  // The strip's room, or its items' widths (another language), changed.
  const resized =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          revealCurrent();
          mark();
        });
  resized?.observe(node);
  for (const item of node.querySelectorAll('a, button')) resized?.observe(item);
  revealCurrent();
  mark();
  return {
    update(next: unknown) {
      if (next === key) return;
      key = next;
      // After the new current item is marked in the DOM.
      queueMicrotask(revealCurrent);
    },
    destroy() {
      node.removeEventListener('scroll', mark);
      node.removeEventListener('focusin', onfocusin);
      resized?.disconnect();
    },
  };
}
