/**
 * Links whose text is a web address other than where they go ("https://bank.example" that opens
 * evil.example) are shown with their real target before they open, as Element and Discord do.
 */

/** The host a link's text names, when the text reads like a web address; else undefined. */
function hostNamedBy(text: string): string | undefined {
  const trimmed = text.trim();
  if (/\s/.test(trimmed) || trimmed.length > 2048) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  // "bank.example", "bank.example/login", "www.bank.example:443/x"
  if (!withScheme && !/^[^\s/@:?#]+\.[a-z]{2,}(?::\d+)?(?:[/?#]|$)/i.test(trimmed))
    return undefined;
  try {
    return new URL(withScheme ? trimmed : `https://${trimmed}`).hostname || undefined;
  } catch {
    return undefined;
  }
}

const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');

export interface DeceptiveLink {
  /** What the text claims, e.g. "bank.example". */
  shown: string;
  /** Where the link really goes: its host (punycode, so look-alike letters show), or the URL. */
  target: string;
  href: string;
}

/** Whether a link's text names a different place than its href; what to tell the person. */
export function deceptiveLink(text: string, href: string): DeceptiveLink | undefined {
  const shown = hostNamedBy(text);
  if (shown === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { shown, target: href, href };
  }
  const target = url.hostname || url.href;
  return bare(target) === bare(shown) ? undefined : { shown, target, href: url.href };
}
