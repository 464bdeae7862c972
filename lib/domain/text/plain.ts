/**
 * The text a reader sees in a line of pasted article markup: Markdown links
 * reduced to their label, <autolinks> to the address, whitespace collapsed.
 * Typography is kept, so the result can be shown or stored.
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, "$1")
    .replace(/<((?:https?:\/\/|mailto:)[^>\s]*)>/gi, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * stripMarkup with typographic quotes folded to ASCII: the form rules and
 * patterns match against, so they need not care how the article was scraped.
 */
export function toPlainText(text: string): string {
  return stripMarkup(text)
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"');
}

/** The targets of Markdown links in `text`, in order. */
export function markdownLinkTargets(text: string): string[] {
  const targets: string[] = [];
  for (const m of text.matchAll(/\[[^\]\n]*\]\(([^)\s]*)\)/g)) {
    if (m[1] !== undefined) targets.push(m[1]);
  }
  return targets;
}
