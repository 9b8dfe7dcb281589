import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { sanitizeMessageHtml } from './sanitize';
import { deceptiveLink, type DeceptiveLink } from './link-check';
import { LinkWarning } from './LinkWarning';

/**
 * The spec's colours (`data-mx-color`, `data-mx-bg-color`, `<font color>`, checked to be
 * #rrggbb by the sanitizer) applied through the CSSOM: the CSP allows no style attributes.
 */
function applyColours(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-mx-color],[data-mx-bg-color]')) {
    const colour = el.dataset.mxColor;
    const background = el.dataset.mxBgColor;
    if (colour) el.style.color = colour;
    if (background) el.style.backgroundColor = background;
  }
}

/**
 * A message's formatted body, sanitized to the Matrix allow-list; nothing executable survives.
 * It is boxed in (styles in index.css): clipped to its row, with nothing positioned outside it.
 * A link whose text names another address than its target asks first, naming the real one.
 * Loaded on demand with the sanitizer (DOMPurify), which the first screen does not need.
 */
export default function FormattedBody({ html, emote }: { html: string; emote: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const clean = useMemo(() => sanitizeMessageHtml(html), [html]);
  const [warning, setWarning] = useState<DeceptiveLink | undefined>();
  useLayoutEffect(() => {
    if (ref.current) applyColours(ref.current);
  }, [clean]);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as Element;
    const spoiler = target.closest('[data-mx-spoiler]');
    if (spoiler && !spoiler.hasAttribute('data-revealed')) {
      event.preventDefault();
      spoiler.setAttribute('data-revealed', '');
      return;
    }
    const link = target.closest('a[href]');
    if (!link) return;
    const deceptive = deceptiveLink(link.textContent ?? '', link.getAttribute('href') ?? '');
    if (!deceptive) return;
    event.preventDefault();
    setWarning(deceptive);
  };

  return (
    <>
      <div
        ref={ref}
        className={`message-html ${emote ? 'italic' : ''}`}
        onClick={onClick}
        onAuxClick={onClick}
        dangerouslySetInnerHTML={{ __html: clean }}
      />
      {warning && <LinkWarning link={warning} onClose={() => setWarning(undefined)} />}
    </>
  );
}
