import { Marked, type Tokens } from "marked";

const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** True for http(s), mailto, fragment and relative links; false for `javascript:`, `data:` and other schemes. */
export function isSafeUrl(url: string): boolean {
  // Browsers drop tabs, newlines and other controls inside a URL, so `java\tscript:` would still run.
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, "");
  if (compact.startsWith("//")) {
    return false;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return scheme === null || SAFE_SCHEMES.has((scheme[1] ?? "").toLowerCase());
}

/**
 * Markdown with every way to inject markup closed: raw HTML blocks and
 * inline tags are shown as text, links with other schemes lose their href,
 * and images become links so that the page loads nothing from elsewhere.
 * marked escapes all other text itself.
 */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      if (!isSafeUrl(token.href)) {
        return text;
      }
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<a href="${escapeHtml(token.href)}"${title} rel="noopener noreferrer">${text}</a>`;
    },
    image(token: Tokens.Image): string {
      const label = escapeHtml(token.text || "image");
      return isSafeUrl(token.href) ? `<a href="${escapeHtml(token.href)}" rel="noopener noreferrer">${label}</a>` : label;
    },
  },
});

/** Renders Markdown to HTML that is safe to set as innerHTML. */
export function renderMarkdown(source: string): string {
  return markdown.parse(source) as string;
}
