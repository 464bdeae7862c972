import { parseDate } from "../dates";
import { toPlainText } from "./plain";
import type { Sentence } from "./segment";

/**
 * Boilerplate: sentences that are not the article's claims (site furniture,
 * appeals, notices, credits), so analysts need not tag them.
 *
 * Patterns are deliberately specific — anchored at the start of the
 * sentence, or whole phrases only a notice would use — because a false
 * positive hides a real claim from the analysts, which is worse than
 * showing one notice too many.
 */
export interface BoilerplateRule {
  readonly id: string;
  readonly description: string;
  /**
   * "sentence": the test sees one sentence. "paragraph": the test also sees
   * the sentence's whole paragraph, and a match flags every sentence in it;
   * for multi-sentence notices whose later sentences are unremarkable alone
   * ("The material on this site is distributed without profit…").
   */
  readonly scope: "sentence" | "paragraph";
  /** Receives plain text (see toPlainText): Markdown links reduced to their label, ASCII quotes. */
  readonly test: (plainText: string) => boolean;
}

export interface BoilerplateContext {
  /** The blank-line-delimited paragraph the sentence belongs to. */
  readonly paragraph?: string;
}

const anyOf =
  (...patterns: RegExp[]) =>
  (s: string) =>
    patterns.some((p) => p.test(s));

const BYLINE_PARTICLES = new Set([
  "and",
  "&",
  "de",
  "del",
  "der",
  "van",
  "von",
  "bin",
  "ibn",
  "al",
  "la",
  "le",
]);

/**
 * The name in an author line: "By Jane Doe", "By South Front", "By A. Smith
 * and B. Jones" — but not "By Monday, ISIS had lost…" or "By contrast".
 */
export function bylineName(plainLine: string): string | undefined {
  const m = /^By\s+(.{1,80})$/.exec(plainLine);
  const name = m?.[1]?.trim();
  if (!name || /[!?:;]|\.$/.test(name) || /\.\s+\p{Lu}\p{Ll}+\s+\p{Ll}/u.test(name))
    return undefined;
  const words = name.split(/[\s,]+/).filter((w) => w !== "");
  const nameLike = words.every(
    (w) => /^[\p{Lu}\d]/u.test(w) || BYLINE_PARTICLES.has(w) || /^al-\p{Lu}/u.test(w),
  );
  return words.length <= 8 && nameLike ? name : undefined;
}

/** A line that is only an outlet and a date: "Global Research, June 09, 2017", "South Front 8 June 2017". */
function isPublicationLine(s: string): boolean {
  const m =
    /^([^,.!?;:]{2,60}?),?\s+((?:\d{1,2}\s+)?[A-Za-z]{3,9}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4})$/.exec(
      s,
    );
  if (!m?.[1] || !m[2] || m[1].split(/\s+/).length > 6 || !/\p{Lu}/u.test(m[1])) return false;
  return parseDate(m[2], { prose: true }) !== undefined;
}

/** A notice holds a holder's name and a year, not a sentence of reporting. */
const MAX_NOTICE_WORDS = 16;
const NOTICE_START =
  /^(?:(?:(?:photo|image|picture|video|graphic|illustration|map)s?(?:\s+credits?)?\s*:?\s*)?(?:©|\(c\)\s)|copyright\s*(?:©|\(c\)|\d{4}))/i;

/**
 * "Copyright © South Front, 2017", "© Provided by Business Insider Inc",
 * "Copyright 2017 Reuters. All rights reserved." — but never a sentence that
 * merely contains "©" or runs on past the notice: a credit that precedes the
 * article's first sentence in the same unit must not hide that sentence.
 */
function isCopyrightNotice(s: string): boolean {
  if (s.split(/\s+/).length > MAX_NOTICE_WORDS) return false;
  return NOTICE_START.test(s) || /\ball rights reserved\.?$/i.test(s);
}

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  {
    id: "donation-appeal",
    description:
      "Requests for money or support for the site (“please support the project”, PayPal, Patreon, /donate links).",
    scope: "sentence",
    test: anyOf(
      /\bplease support (?:the project|this project|us|our work|global research|independent (?:media|journalism))\b/i,
      /\bsupport (?:global research|independent media|our work)\b/i,
      /\bour work (?:wouldn't|would not) be possible without your (?:help|support)\b/i,
      /\bpaypal\s*:/i,
      /patreon\.com|paypal\.me|\/donate\b/i,
      /\b(?:donate|make a donation)\s+(?:now|today|here|to (?:us|global research|the project|our))\b/i,
      /^donate\b[^.!?]{0,40}$/i,
      /\bclick here to donate\b/i,
    ),
  },
  {
    id: "membership",
    description: "Membership prompts (“Become a Member of Global Research”).",
    scope: "sentence",
    test: anyOf(
      /^become a member\b/i,
      /\bbecome a member of global research\b/i,
      /\bjoin (?:us|global research) as a member\b/i,
    ),
  },
  {
    id: "social-comment",
    description: "Invitations to comment on or follow the site's social-media pages.",
    scope: "sentence",
    test: anyOf(
      /\bcomment on global research articles\b/i,
      /\bon our (?:facebook|twitter|telegram|instagram|youtube|vk) (?:page|channel|account)\b/i,
    ),
  },
  {
    id: "share-subscribe",
    description: "Share, print, follow and subscribe prompts.",
    scope: "sentence",
    test: anyOf(
      /^(?:share|email|e-mail|print)\s+this\s+(?:article|story|page|post|video)\b/i,
      /^subscribe\s+(?:to|now|for|here|on)\b/i,
      /^(?:follow|like) us on\b/i,
      /^sign up (?:for|to) (?:our|the) (?:newsletter|mailing list)\b/i,
      /\bsubscribe to (?:our|the global research) (?:newsletter|mailing list|channel)\b/i,
      /^click (?:here )?to (?:share|subscribe|tweet|email|print)\b/i,
    ),
  },
  {
    id: "disclaimer",
    description:
      "Editorial disclaimers (“Disclaimer: …”, “The views expressed in this article…”) and cross-posting permissions.",
    scope: "paragraph",
    test: anyOf(
      /^disclaimer\b/i,
      /\bviews expressed (?:in|on|by) this (?:article|video|piece|site|website|publication|blog)\b/i,
      /\bviews expressed (?:herein|here) are\b/i,
      /\b(?:of sole|the sole|solely the) responsibility of the author/i,
      /\bwill not be responsible for any inaccurate or incorrect statement/i,
      /\bgrants permission to cross-post\b/i,
    ),
  },
  {
    id: "copyright",
    description:
      "Copyright notices and image credits (“Copyright © …”, “© Provided by …”, “All rights reserved”): a short unit that opens with the notice.",
    scope: "sentence",
    test: isCopyrightNotice,
  },
  {
    id: "fair-use",
    description: "Fair-use notices (“This site contains copyrighted material…”).",
    scope: "paragraph",
    test: anyOf(
      /\bcontains copyrighted material\b/i,
      /\bprovisions of "?fair use"?/i,
      /\bfair use"?[^.]*\bpermission from the copyright owner\b/i,
      /\bsection 107 of the u\.?s\.? copyright law\b/i,
      /\bdistributed without profit to those who have expressed a prior interest\b/i,
    ),
  },
  {
    id: "featured-image",
    description: "Image credits (“Featured image: …”, “Photo credit: …”).",
    scope: "sentence",
    test: anyOf(
      /^(?:featured|top|header|cover) (?:image|photo|picture)\b/i,
      /^(?:image|photo|picture)\s+(?:source|credits?)\s*:/i,
      /^(?:image|photo)\s*:\s*[^.!?]{1,80}$/i,
    ),
  },
  {
    id: "original-source",
    description: "Repost attribution (“The original source of this article is …”).",
    scope: "sentence",
    test: anyOf(
      /^the original source of this article is\b/i,
      /^this article was originally published (?:at|on|by|in)\b/i,
    ),
  },
  {
    id: "credits",
    description: "Production credits on a line of their own (“Voiceover by …”, “Produced by: …”).",
    scope: "sentence",
    test: anyOf(
      /^(?:voice[- ]?over|narrat(?:ed|ion|or)|produced|production|edited|editing|video editing|script|music|camera|translated|translation)\s*(?:by\b|:)\s*[^.!?]{1,80}$/i,
    ),
  },
  {
    id: "header-label",
    description: "Site classification lines (“Region: …”, “Theme: …”, “In-depth Report: …”).",
    scope: "sentence",
    test: anyOf(
      /^(?:regions?|themes?|in-depth reports?|topics?|tags?|categor(?:y|ies)|filed under)\s*:/i,
    ),
  },
  {
    id: "byline",
    description: "Author lines (“By South Front”, “Articles by: …”).",
    scope: "sentence",
    test: (s) => bylineName(s) !== undefined || /^articles? by\s*:/i.test(s),
  },
  {
    id: "publication-line",
    description: "A line holding only an outlet and a date (“Global Research, June 09, 2017”).",
    scope: "sentence",
    test: isPublicationLine,
  },
  {
    id: "contact",
    description: "Contact lines (“For media inquiries: …”).",
    scope: "sentence",
    test: anyOf(
      /^for (?:media|press) (?:inquiries|enquiries)\b/i,
      /^contact(?: us)?\s*:/i,
      /^(?:contact|e-?mail) us (?:at|on)\b/i,
    ),
  },
];

/** The first rule that flags the sentence, if any. */
export function findBoilerplateRule(
  sentenceText: string,
  context?: BoilerplateContext,
): BoilerplateRule | undefined {
  const sentence = toPlainText(sentenceText);
  const paragraph = context?.paragraph === undefined ? undefined : toPlainText(context.paragraph);
  return BOILERPLATE_RULES.find(
    (rule) =>
      rule.test(sentence) ||
      (rule.scope === "paragraph" && paragraph !== undefined && rule.test(paragraph)),
  );
}

export function isBoilerplate(sentenceText: string, context?: BoilerplateContext): boolean {
  return findBoilerplateRule(sentenceText, context) !== undefined;
}

/** One flag per sentence of `text`, in order. */
export function flagBoilerplate(text: string, sentences: readonly Sentence[]): boolean[] {
  const paragraphs = paragraphSpans(text);
  const paragraphRules = BOILERPLATE_RULES.filter((r) => r.scope === "paragraph");
  const paragraphFlag = new Map<number, boolean>();
  let p = 0;
  return sentences.map((s) => {
    while (p + 1 < paragraphs.length && (paragraphs[p]?.end ?? 0) <= s.start) p++;
    const span = paragraphs[p];
    let flagged = paragraphFlag.get(p);
    if (flagged === undefined) {
      const plain = span ? toPlainText(text.slice(span.start, span.end)) : "";
      flagged = paragraphRules.some((r) => r.test(plain));
      paragraphFlag.set(p, flagged);
    }
    return flagged || isBoilerplate(s.text);
  });
}

const SENTENCE_END = /[.!?\u2026]["'\u2019\u201D)\]]*$/;

/**
 * The units a paragraph-scope rule may flag as a whole: blank-line-delimited
 * blocks, further cut after every line ending a sentence. The cut keeps text
 * pasted one paragraph per line (no blank lines) from forming one huge block
 * in which a single notice would flag the whole article.
 */
function paragraphSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  let pos = 0;
  for (;;) {
    const nl = text.indexOf("\n", pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, lineEnd).trim();
    if (nl === -1) break;
    if (line === "" || SENTENCE_END.test(line)) {
      if (text.slice(start, lineEnd).trim() !== "") spans.push({ start, end: lineEnd });
      start = nl + 1;
    }
    pos = nl + 1;
  }
  spans.push({ start, end: text.length });
  return spans;
}
