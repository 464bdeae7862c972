import { sentenceKey } from "./normalize";
import { stripMarkup } from "./plain";
import type { Sentence } from "./segment";

/**
 * The title of a document is always metadata. Whether it is also a unit to
 * tag is a project setting (Project.headlineUnit, on by default): on, a
 * document whose text lacks its headline (a web page, whose headline
 * Readability takes out of the article body) gets it as its first paragraph;
 * off, a first unit that is the headline is flagged like boilerplate.
 */
const sameText = (a: string, b: string) => sentenceKey(stripMarkup(a)) === sentenceKey(b);

/** Does the text's first non-blank line read as the headline? */
export function opensWithHeadline(text: string, headline: string): boolean {
  const first = text.split("\n").find((line) => line.trim() !== "") ?? "";
  return sameText(first.replace(/^#{1,6}\s+/, ""), headline);
}

/** The text with the headline as its first paragraph, unless it already opens with it. */
export function withHeadline(text: string, headline: string): string {
  const title = headline.replace(/\s+/g, " ").trim();
  if (title === "" || opensWithHeadline(text, title)) return text;
  return `${title}\n\n${text}`;
}

/** The index of the unit that is the headline (the first one, when it reads as the title), or -1. */
export function headlineIndex(sentences: readonly Sentence[], title: string): number {
  const first = sentences[0];
  return first && sameText(first.text, title) ? 0 : -1;
}
