import { decodeHTMLStrict } from "entities";
import { parseHTML } from "linkedom";
import { Lexer, type MarkedToken, type Token } from "marked";
import { parse as parseYaml } from "yaml";
import { toIsoDate } from "./dates";
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
  publishedAt: ["date", "published_at", "publishedat", "published", "publish_date", "pubdate", "date_published"],
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
    // Thousands of nested blockquotes or HTML elements exhaust the stack of
    // the recursive lexer and walkers; say so instead of failing the request.
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
      return fail(`The front matter (the block between the --- lines at the top) is not valid YAML: ${reason}`);
    }
    // A document that merely opens with a horizontal rule yields a string or
    // list here, not a mapping; then there was no front matter.
    if (data === null || isRecord(data)) {
      fields = data ?? {};
      body = source.slice(frontMatter[0].length);
    }
  }

  const tokens = Lexer.lex(body, { gfm: true });
  const out = new PlainTextBuilder();
  renderBlocks(tokens, out, { listDepth: 0, paragraph: 2 });
  const text = out.toString();
  if (text.trim() === "") {
    return fail(frontMatter ? "The Markdown file has no text after its front matter." : "The Markdown file has no text.");
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
  const publishedAt = take(FIELD_KEYS.publishedAt, (v) => toIsoDate(scalar(v) ?? ""));
  const sourceUrl = take(FIELD_KEYS.sourceUrl, (v) => toHttpUrl(scalar(v)));
  const publisher = take(FIELD_KEYS.publisher, (v) => (toHttpUrl(scalar(v)) ? undefined : personNames(v)));
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
  const first = tokens.find((token) => token.type !== "space");
  if (!first || !isMarkedToken(first) || first.type !== "heading" || first.depth !== 1) return undefined;
  const out = new PlainTextBuilder();
  renderInline(first.tokens, out, new InlineState());
  return cleanLine(out.toString());
}

const MARKED_TYPES: ReadonlySet<string> = new Set<MarkedToken["type"]>([
  "blockquote", "br", "checkbox", "code", "codespan", "def", "del", "em", "escape", "heading",
  "hr", "html", "image", "link", "list", "list_item", "paragraph", "space", "strong", "table", "text",
]); // prettier-ignore

/**
 * marked types its tokens as a union that includes a catch-all for
 * extension tokens; none are registered here, and checking the discriminant
 * narrows to the built-in ones without a cast.
 */
function isMarkedToken(token: Token): token is MarkedToken {
  return MARKED_TYPES.has(token.type);
}

interface Context {
  listDepth: number;
  paragraph: BreakLevel;
}

function renderBlocks(tokens: Token[], out: PlainTextBuilder, context: Context): void {
  for (const token of tokens) {
    if (!isMarkedToken(token)) continue;
    switch (token.type) {
      case "heading":
      case "paragraph":
        out.blockBreak(context.paragraph);
        renderInline(token.tokens, out, new InlineState());
        out.blockBreak(context.paragraph);
        break;
      case "text":
        // Block-level text is the content of a tight list item.
        if (token.tokens) renderInline(token.tokens, out, new InlineState());
        else out.text(decodeHTMLStrict(token.raw));
        break;
      case "code":
        out.blockBreak(context.paragraph);
        out.raw(token.text.trimEnd());
        out.blockBreak(context.paragraph);
        break;
      case "blockquote":
        renderBlocks(token.tokens, out, context);
        break;
      case "list": {
        const edge: BreakLevel = context.listDepth === 0 ? context.paragraph : 1;
        out.blockBreak(edge);
        let number = typeof token.start === "number" ? token.start : 1;
        for (const item of token.items) {
          out.blockBreak(1);
          out.prefix("  ".repeat(context.listDepth) + (token.ordered ? `${number++}. ` : "- "));
          renderBlocks(item.tokens, out, { listDepth: context.listDepth + 1, paragraph: 1 });
          out.blockBreak(1);
        }
        out.blockBreak(edge);
        break;
      }
      case "table":
        // One paragraph per row, as for HTML tables (see html-text.ts).
        for (const row of [token.header, ...token.rows]) {
          const cells = row
            .map((cell) => {
              const cellOut = new PlainTextBuilder();
              renderInline(cell.tokens, cellOut, new InlineState());
              return cellOut.toString().replace(/\s*\n\s*/g, " ").trim();
            })
            .filter((cell) => cell !== "");
          if (cells.length === 0) continue;
          out.blockBreak(context.paragraph);
          out.text(cells.join(" | "));
          out.blockBreak(context.paragraph);
        }
        break;
      case "html":
        out.blockBreak(context.paragraph);
        appendHtmlText(htmlFragment(token.text), out, context);
        out.blockBreak(context.paragraph);
        break;
      case "hr":
        out.blockBreak(context.paragraph);
        break;
      case "space":
      case "def":
      case "checkbox":
        break;
      default:
        // Inline tokens at block level do not occur; render them rather than lose text.
        renderInline([token], out, new InlineState());
    }
  }
}

/** Raw HTML inside Markdown: the content of <script> and <style> is not text. */
class InlineState {
  skippingUntil: string | undefined;
}

function renderInline(tokens: Token[], out: PlainTextBuilder, state: InlineState): void {
  for (const token of tokens) {
    if (!isMarkedToken(token)) continue;
    if (state.skippingUntil !== undefined) {
      if (token.type === "html" && new RegExp(`^</${state.skippingUntil}\\s*>$`, "i").test(token.text.trim())) {
        state.skippingUntil = undefined;
      }
      continue;
    }
    switch (token.type) {
      case "text":
        // CommonMark decodes entity references in text, but marked leaves
        // named ones (&amp;, &eacute;) for its HTML renderer. `raw` is read
        // so that a numeric reference marked already decoded is not decoded twice.
        if (token.tokens) renderInline(token.tokens, out, state);
        else out.text(decodeHTMLStrict(token.raw));
        break;
      case "escape":
      case "codespan":
        out.text(token.text);
        break;
      case "strong":
      case "em":
      case "del":
      case "link":
        // Link text stays, the target goes; a bare URL is its own link text.
        renderInline(token.tokens, out, state);
        break;
      case "br":
        out.lineBreak();
        break;
      case "html": {
        const tag = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(token.text.trim());
        const name = tag?.[2]?.toLowerCase();
        if (name === "br" && !tag?.[1]) out.lineBreak();
        else if ((name === "script" || name === "style") && !tag?.[1]) state.skippingUntil = name;
        break;
      }
      case "image":
      case "checkbox":
        break;
      default:
        // A block token inside inline content does not occur in marked's output.
        break;
    }
  }
}

function htmlFragment(html: string): Node {
  if (exceedsHtmlDepth(html)) throw new RangeError("HTML nested too deeply");
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return document.body ?? document;
}
