import { bylineName, isBoilerplate } from "./boilerplate";
import { parseDate } from "../dates";
import { markdownLinkTargets, stripMarkup } from "./plain";

export interface HeaderMetadata {
  title?: string;
  /** Author as credited ("South Front"). */
  byline?: string;
  /** The outlet whose copy this is ("Global Research"). */
  publisher?: string;
  /** ISO yyyy-mm-dd, from the publisher's date line. */
  publishedAt?: string;
  /** The outlet a repost names as its origin ("The original source of this article is …"). */
  originalSource?: string;
  /** Only a URL the text designates as the article's source — never any URL that merely appears. */
  sourceUrl?: string;
}

/** Header lines are read only until the body starts, and at most this many. */
const MAX_HEADER_LINES = 12;

/** Body text: a long line, or a line that ends a sentence of a dozen words or more. */
function looksLikeBody(plain: string): boolean {
  return (
    plain.length > 150 || (/[.!?]["'\u2019\u201D)]*$/.test(plain) && plain.split(" ").length >= 12)
  );
}

const PUBLISHER_DATE = /^([^,.!?;:]{2,60}),\s*(.+)$/;
const NAME_DATE =
  /^([^,.!?;:]{2,60}?)\s+((?:\d{1,2}\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+\d{4})$/;
const ARTICLES_BY = /^Articles? by\s*:\s*([^.!?:;]{1,80})$/i;
const ORIGINAL_SOURCE = /^The original source of this article is\s+(.{1,100}?)\.?$/i;
const SOURCE_URL_LINE =
  /^(?:source|original source|original article|originally published (?:at|on|in|by)|read (?:the )?original(?: article)?(?: at| on)?)\s*:?\s*<?(https?:\/\/[^\s>]+)>?$/i;

function cleanUrl(url: string): string {
  return url.replace(/[.,;)]+$/, "");
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/]+\.[^\s]+/i.test(url);
}

/**
 * Metadata stated in an article's header and footer, as in the Global
 * Research reposts:
 *
 *   Title line
 *   By [South Front](#)
 *   Global Research, June 09, 2017
 *   …
 *   The original source of this article is [South Front](#)
 *
 * Only what matches a recognised pattern is returned; a field that is not
 * stated is left out rather than guessed.
 */
export function extractHeaderMetadata(text: string): HeaderMetadata {
  const lines = text.split("\n").map((raw) => ({ raw: raw.trim(), plain: stripMarkup(raw) }));
  const nonEmpty = lines.filter((l) => l.plain !== "");
  const header: typeof nonEmpty = [];
  for (const line of nonEmpty) {
    if (header.length >= MAX_HEADER_LINES || looksLikeBody(line.plain)) break;
    header.push(line);
  }

  const meta: HeaderMetadata = {};

  const first = header[0];
  if (first && looksLikeTitle(first.plain)) {
    meta.title = first.plain.replace(/^#+\s*/, "");
  }

  for (const { plain } of header) {
    const byline = meta.byline === undefined ? bylineName(plain) : undefined;
    if (byline !== undefined) meta.byline = byline;
    const pub = PUBLISHER_DATE.exec(plain);
    const date = pub?.[2] === undefined ? undefined : parseDate(pub[2], { prose: true });
    if (meta.publisher === undefined && pub?.[1] && date) {
      meta.publisher = pub[1].trim();
      meta.publishedAt = date;
    }
  }
  if (meta.publishedAt === undefined) {
    // "South Front 8 June 2017": the date is stated, the name may be the
    // original outlet rather than the publisher, so only the date is taken.
    for (const { plain } of header) {
      const m = NAME_DATE.exec(plain);
      const date = m?.[2] === undefined ? undefined : parseDate(m[2], { prose: true });
      if (date) {
        meta.publishedAt = date;
        break;
      }
    }
  }

  for (const { raw, plain } of nonEmpty) {
    if (meta.byline === undefined) {
      const m = ARTICLES_BY.exec(plain);
      if (m?.[1]) meta.byline = m[1].trim();
    }
    const origin = ORIGINAL_SOURCE.exec(plain)?.[1]?.trim();
    if (origin !== undefined && meta.originalSource === undefined && meta.sourceUrl === undefined) {
      const linked = markdownLinkTargets(raw).map(cleanUrl).find(isHttpUrl);
      if (isHttpUrl(origin)) {
        meta.sourceUrl = cleanUrl(origin);
      } else {
        meta.originalSource = origin;
        if (linked !== undefined) meta.sourceUrl = linked;
      }
    }
    const sourceLine = SOURCE_URL_LINE.exec(plain);
    if (meta.sourceUrl === undefined && sourceLine?.[1]) meta.sourceUrl = cleanUrl(sourceLine[1]);
  }

  return meta;
}

/** A short standalone line that is not a sentence of body text nor a recognised header/notice line. */
function looksLikeTitle(plain: string): boolean {
  return (
    plain.length >= 3 &&
    plain.length <= 200 &&
    /\p{L}/u.test(plain) &&
    !/[.,;:]$/.test(plain) &&
    !/^(?:https?:\/\/|www\.)/i.test(plain) &&
    !isBoilerplate(plain)
  );
}
