import MarkdownIt from "markdown-it";

/**
 * Guidelines are Markdown written by project owners. Raw HTML in them is
 * escaped (html: false), and markdown-it's link check refuses javascript:,
 * vbscript:, file: and data: URLs, so the output is safe to insert.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet("rel", "noopener noreferrer nofollow");
    token.attrSet("target", "_blank");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// The guidelines sit inside the workspace, below the document's title (h1) and the panel's own
// heading: an owner's "# Labels" becomes an h3, so the page keeps one h1 and a sound outline.
md.core.ruler.push("demote_headings", (state) => {
  for (const token of state.tokens) {
    if (token.type !== "heading_open" && token.type !== "heading_close") continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(6, level + 2)}`;
  }
});

export function renderGuidelines(markdown: string): string {
  return md.render(markdown);
}
