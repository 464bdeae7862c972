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

export function renderGuidelines(markdown: string): string {
  return md.render(markdown);
}
