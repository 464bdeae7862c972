import { parseHTML } from "linkedom";
import MarkdownIt, { type Token } from "markdown-it";
import { parse as parseYaml } from "yaml";
import { parseDate } from "../dates";
import { appendHtmlText, exceedsHtmlDepth } from "./html-text";
import { PlainTextBuilder, type BreakLevel } from "./plain-text";
import { fail, type Failure, type JsonValue, type ParsedDocument } from "./types";
import { cleanLine, isRecord, toHttpUrl, toJsonValue } from "./values";

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Front-matter keys read into the record, in order of preference; the
 * spellings are those of Jekyll, Hugo, Pandoc and common CMS exports. Keys
 * not used (or whose value is unusable) stay in `metadata`.
 */
const FIELD_KEYS = {
  title: ["title", "headline"],
  byline: ["author", "authors", "byline", "by"],
  publishedAt: [
    "date",
    "published_at",
    "publishedat",
    "published",
    "publish_date",
    "pubdate",
    "date_published",
  ],
  sourceUrl: ["url", "source_url", "sourceurl", "canonical_url", "canonical", "link", "source"],
  publisher: ["publisher", "site_name", "sitename", "site", "publication", "outlet", "source"],
} as const;

/**
 * Markdown to plain text, reading YAML front matter into the record. The
 * text keeps what a reader sees: link text but not targets, headings and list
 * items as their own lines (with their list markers), code as it is.
 */
export function parseMarkdown(source: string): ParsedDocument | Failure {
  try {
    return convert(source);
  } catch (error) {
    // Raw HTML nested deeper than any page (see exceedsHtmlDepth) is refused
    // as it would be in an .html upload.
    if (error instanceof RangeError) return fail("The Markdown file is nested too deeply to read.");
    throw error;
  }
}

function convert(source: string): ParsedDocument | Failure {
  let body = source;
  let fields: Record<string, unknown> = {};
  const frontMatter = FRONT_MATTER.exec(source);
  if (frontMatter) {
    let data: unknown;
    try {
      data = parseYaml(frontMatter[1] ?? "");
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      return fail(
        `The front matter (the block between the --- lines at the top) is not valid YAML: ${reason}`,
      );
    }
    // A document that merely opens with a horizontal rule yields a string or
    // list here, not a mapping; then there was no front matter.
    if (data === null || isRecord(data)) {
      fields = data ?? {};
      body = source.slice(frontMatter[0].length);
    }
  }

  const tokens = markdown.parse(body, {});
  const text = renderBlocks(tokens);
  if (text.trim() === "") {
    return fail(
      frontMatter
        ? "The Markdown file has no text after its front matter."
        : "The Markdown file has no text.",
    );
  }

  const doc: ParsedDocument = { text, metadata: {} };
  const used = new Set<string>();
  const take = (keys: readonly string[], read: (value: unknown) => string | undefined) => {
    for (const [key, value] of Object.entries(fields)) {
      if (used.has(key) || !keys.includes(key.toLowerCase())) continue;
      const result = read(value);
      if (result !== undefined) {
        used.add(key);
        return result;
      }
    }
    return undefined;
  };
  const title = take(FIELD_KEYS.title, (v) => cleanLine(scalar(v))) ?? leadingHeading(tokens);
  const byline = take(FIELD_KEYS.byline, personNames);
  const publishedAt = take(FIELD_KEYS.publishedAt, (v) => parseDate(scalar(v) ?? ""));
  const sourceUrl = take(FIELD_KEYS.sourceUrl, (v) => toHttpUrl(scalar(v)));
  const publisher = take(FIELD_KEYS.publisher, (v) =>
    toHttpUrl(scalar(v)) ? undefined : personNames(v),
  );
  if (title) doc.title = title;
  if (byline) doc.byline = byline;
  if (publishedAt) doc.publishedAt = publishedAt;
  if (sourceUrl) doc.sourceUrl = sourceUrl;
  if (publisher) doc.publisher = publisher;

  const rest: Array<[string, JsonValue]> = [];
  for (const [key, value] of Object.entries(fields)) {
    const json = used.has(key) ? undefined : toJsonValue(value);
    if (json !== undefined) rest.push([key, json]);
  }
  doc.metadata = Object.fromEntries(rest);
  return doc;
}

function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "number" ? String(value) : undefined;
}

/** "Jane Doe", ["Jane Doe", "Max Roe"] or [{ name: "Jane Doe" }] → "Jane Doe, Max Roe". */
function personNames(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map((item) => cleanLine(isRecord(item) ? scalar(item.name) : scalar(item)))
    .filter((name): name is string => name !== undefined);
  return names.length > 0 ? names.join(", ") : undefined;
}

/** A document that opens with a level-1 heading is titled by it. */
function leadingHeading(tokens: Token[]): string | undefined {
  const [open, inline] = tokens;
  if (open?.type !== "heading_open" || open.tag !== "h1" || inline?.type !== "inline")
    return undefined;
  const out = new PlainTextBuilder();
  renderInline(inline.children ?? [], out);
  return cleanLine(out.toString());
}

/**
 * markdown-it rather than a faster-to-walk AST library: it is linear on the
 * CommonMark pathological inputs (marked took 50 s on 80 KB of "*a _"), and
 * still reads 5 MB of ordinary Markdown in about a second. Bare URLs need no
 * linkify: they are text either way. HTML is recognised so it can be removed.
 */
const markdown = new MarkdownIt("default", { html: true, linkify: false, typographer: false });

/**
 * Walks markdown-it's flat block token stream. Open and close tokens only
 * ask for breaks; the builder merges them, so a paragraph inside a list item
 * inside a blockquote still yields a single line break.
 */
function renderBlocks(tokens: Token[]): string {
  const out = new PlainTextBuilder();
  const lists: Array<{ ordered: boolean }> = [];
  let row: string[] | undefined;
  let cell: PlainTextBuilder | undefined;
  // Inside list items paragraphs become lines, so that items stay one per line.
  const paragraph = (): BreakLevel => (lists.length > 0 ? 1 : 2);

  for (const token of tokens) {
    switch (token.type) {
      case "inline":
        renderInline(token.children ?? [], cell ?? out);
        break;
      case "heading_open":
      case "heading_close":
      case "paragraph_open":
      case "paragraph_close":
      case "blockquote_open":
      case "blockquote_close":
      case "hr":
        out.blockBreak(paragraph());
        break;
      case "bullet_list_open":
      case "ordered_list_open":
        out.blockBreak(lists.length === 0 ? 2 : 1);
        lists.push({ ordered: token.type === "ordered_list_open" });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        out.blockBreak(lists.length === 0 ? 2 : 1);
        break;
      case "list_item_open": {
        // markdown-it records an ordered item's number, as written, in `info`.
        const marker = lists.at(-1)?.ordered ? `${token.info || "1"}. ` : "- ";
        out.blockBreak(1);
        out.prefix("  ".repeat(Math.max(0, lists.length - 1)) + marker);
        break;
      }
      case "list_item_close":
        out.blockBreak(1);
        break;
      case "code_block":
      case "fence":
        out.blockBreak(paragraph());
        out.raw(token.content.trimEnd());
        out.blockBreak(paragraph());
        break;
      case "html_block":
        out.blockBreak(paragraph());
        appendHtmlText(htmlFragment(token.content), out, {
          listDepth: lists.length,
          paragraph: paragraph(),
        });
        out.blockBreak(paragraph());
        break;
      // A table becomes one paragraph per row, as for HTML tables (see html-text.ts).
      case "tr_open":
        row = [];
        break;
      case "th_open":
      case "td_open":
        cell = new PlainTextBuilder();
        break;
      case "th_close":
      case "td_close": {
        const text = cell
          ?.toString()
          .replace(/\s*\n\s*/g, " ")
          .trim();
        if (text) row?.push(text);
        cell = undefined;
        break;
      }
      case "tr_close":
        if (row && row.length > 0) {
          out.blockBreak(paragraph());
          out.text(row.join(" | "));
          out.blockBreak(paragraph());
        }
        row = undefined;
        break;
    }
  }
  return out.toString();
}

function renderInline(tokens: Token[], out: PlainTextBuilder): void {
  // The content of <script> and <style> written inline is not text.
  let skippingUntil: string | undefined;
  for (const token of tokens) {
    if (skippingUntil !== undefined) {
      if (
        token.type === "html_inline" &&
        new RegExp(`^</${skippingUntil}\\s*>$`, "i").test(token.content.trim())
      ) {
        skippingUntil = undefined;
      }
      continue;
    }
    switch (token.type) {
      // markdown-it has decoded entities and backslash escapes in text already.
      case "text":
      case "text_special":
      case "code_inline":
        out.text(token.content);
        break;
      case "softbreak":
        out.text(" ");
        break;
      case "hardbreak":
        out.lineBreak();
        break;
      case "html_inline": {
        const tag = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(token.content.trim());
        const name = tag?.[2]?.toLowerCase();
        if (name === "br" && !tag?.[1]) out.lineBreak();
        else if ((name === "script" || name === "style") && !tag?.[1]) skippingUntil = name;
        break;
      }
      // Emphasis and link marks vanish; link text stays and its target goes;
      // images (alt text included) are dropped.
      default:
        break;
    }
  }
}

function htmlFragment(html: string): Node {
  if (exceedsHtmlDepth(html)) throw new RangeError("HTML nested too deeply");
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return document.body ?? document;
}
