import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { parseDate } from "../dates";
import { exceedsHtmlDepth, htmlToPlainText, isElement, MAX_HTML_DEPTH, tagOf } from "./html-text";
import { withoutSiteSuffix } from "./title";
import { fail, type Failure, type JsonValue, type ParsedDocument } from "./types";
import { cleanLine, isRecord, toHttpUrl } from "./values";

const TEXT_NODE = 3;

/**
 * Readability's running time grows steeply with nesting depth (800 levels
 * take seconds, 4,000 minutes) while real pages stay well under 100, so
 * deeper pages skip it and are read as plain body text.
 */
const READABILITY_MAX_DEPTH = 200;

const TOO_DEEP = "The HTML file is nested too deeply to read.";

/** Reads the encoding a page declares, for the error about a page that is not UTF-8. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

/**
 * The main article of a saved web page as plain text, with the metadata the
 * page carries in meta tags and JSON-LD. Nothing of the markup survives:
 * text is read from DOM text nodes, so entities are decoded and tags gone.
 */
export function parseHtml(html: string): ParsedDocument | Failure {
  try {
    return extract(html);
  } catch (error) {
    // The depth checks should stop any input deep enough to exhaust the stack
    // of the recursive DOM code (ours and the libraries'); should one slip
    // through, the user still gets an answer instead of a server error.
    if (error instanceof RangeError) return fail(TOO_DEEP);
    throw error;
  }
}

function extract(html: string): ParsedDocument | Failure {
  if (exceedsHtmlDepth(html)) return fail(TOO_DEEP);
  const document = parseDocument(html);
  const depth = document.documentElement
    ? elementDepth(document.documentElement, MAX_HTML_DEPTH)
    : 0;
  if (depth > MAX_HTML_DEPTH) return fail(TOO_DEEP);
  const meta = readMetadata(document, html);

  // Readability rewrites the document it is given, so it runs after the
  // metadata is read, and the fallback reads a fresh parse of the original.
  let article: ReturnType<Readability<Node>["parse"]> = null;
  const useReadability = depth <= READABILITY_MAX_DEPTH;
  if (useReadability) {
    try {
      // Classes are kept: they mark the captions and credits that html-text renders as blocks.
      article = new Readability<Node>(document, {
        serializer: (node) => node,
        keepClasses: true,
      }).parse();
    } catch {
      // Readability fails on some malformed trees; the body text below still reads them.
      article = null;
    }
  }
  let text = article?.content ? htmlToPlainText(article.content) : "";
  if (text.trim() === "") text = bodyText(useReadability ? parseDocument(html) : document);
  if (text.trim() === "") return fail("The HTML file has no readable text.");

  const doc: ParsedDocument = { text, metadata: meta.metadata };
  const publisher = meta.publisher ?? cleanLine(article?.siteName);
  const fullTitle = meta.title ?? cleanLine(article?.title) ?? meta.documentTitle;
  const title = fullTitle && withoutSiteSuffix(fullTitle, publisher);
  const byline = meta.byline ?? cleanByline(article?.byline);
  const publishedAt = meta.publishedAt ?? parseDate(article?.publishedTime ?? "");
  if (title) doc.title = title;
  if (title) doc.headline = title;
  if (byline) doc.byline = byline;
  if (publisher) doc.publisher = publisher;
  if (publishedAt) doc.publishedAt = publishedAt;
  if (meta.sourceUrl) doc.sourceUrl = meta.sourceUrl;
  return doc;
}

/**
 * linkedom builds the tree without HTML5's repair rules: content of a page
 * with no <html> tag is lost, and content outside <body> stays outside it.
 * Both are common in hand-written or trimmed pages, so the tree is mended here.
 */
function parseDocument(html: string): Document {
  const wrapped = /<html[\s>]/i.test(html)
    ? html
    : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(wrapped);
  const root = document.documentElement;
  if (!root) return document;
  let body = document.body;
  let beforeBody = true;
  const before: Node[] = [];
  const after: Node[] = [];
  for (const node of Array.from(root.childNodes)) {
    const tag = isElement(node) ? tagOf(node) : undefined;
    if (tag === "body") beforeBody = false;
    if (tag === "head" || tag === "body") continue;
    const blank = node.nodeType !== TEXT_NODE || (node.nodeValue ?? "").trim() === "";
    if (tag === undefined && blank) continue;
    (beforeBody ? before : after).push(node);
  }
  if (before.length + after.length > 0) {
    body ??= root.appendChild(document.createElement("body"));
    const firstChild = body.firstChild;
    for (const node of before) body.insertBefore(node, firstChild);
    for (const node of after) body.appendChild(node);
  }
  return document;
}

/** The deepest element nesting below `root`, counted without recursion; stops once past `limit`. */
function elementDepth(root: Element, limit: number): number {
  let deepest = 0;
  let depth = 0;
  let node: Element | null = root;
  while (node) {
    const child: Element | null = node.firstElementChild;
    if (child) {
      node = child;
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
      continue;
    }
    while (node && node !== root && !node.nextElementSibling) {
      node = node.parentElement;
      depth--;
    }
    node = node && node !== root ? node.nextElementSibling : null;
  }
  return deepest;
}

/** What is left when Readability finds no article: the page minus its furniture. */
function bodyText(document: Document): string {
  const body = document.body ?? document.documentElement;
  if (!body) return "";
  const furniture = [
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form[role=search]",
    "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=complementary]",
  ].join(", "); // prettier-ignore
  for (const element of Array.from(body.querySelectorAll(furniture))) element.remove();
  return htmlToPlainText(body);
}

interface PageMetadata {
  title?: string;
  documentTitle?: string;
  byline?: string;
  publisher?: string;
  publishedAt?: string;
  sourceUrl?: string;
  metadata: Record<string, JsonValue>;
}

function readMetadata(document: Document, html: string): PageMetadata {
  const metas = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll("meta"))) {
    const key =
      element.getAttribute("property") ??
      element.getAttribute("name") ??
      element.getAttribute("itemprop");
    const content = cleanLine(element.getAttribute("content"));
    if (key && content && !metas.has(key.toLowerCase())) metas.set(key.toLowerCase(), content);
  }
  const first = (...keys: string[]) =>
    keys.map((key) => metas.get(key)).find((value) => value !== undefined);
  const ld = readJsonLd(document);

  // IE and Chrome stamp "saved from url=(0056)https://…" on pages saved to disk.
  const savedFrom = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096))?.[1];
  const base =
    toHttpUrl(document.querySelector("base[href]")?.getAttribute("href")) ?? toHttpUrl(savedFrom);
  const ogUrl = toHttpUrl(first("og:url"), base);
  const canonical = toHttpUrl(
    document.querySelector("link[rel~=canonical]")?.getAttribute("href"),
    ogUrl ?? base,
  );

  const dateSources = [
    first("article:published_time", "og:article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date.issued", "parsely-pub-date", "sailthru.date"),
    ld.datePublished,
    timeElementDate(document),
  ]; // prettier-ignore

  const page: PageMetadata = { metadata: {} };
  const set = <K extends keyof Omit<PageMetadata, "metadata">>(
    key: K,
    value: string | undefined,
  ) => {
    if (value) page[key] = value;
  };
  set("title", first("og:title", "twitter:title") ?? ld.headline);
  set("documentTitle", cleanLine(document.querySelector("title")?.textContent));
  // Facebook's article:author is often the page's name or a profile URL, so a byline the
  // reader sees in the article beats it; the other author tags and JSON-LD name the writer.
  set(
    "byline",
    authorName(first("author", "parsely-author", "sailthru.author")) ??
      ld.author ??
      visibleByline(document) ??
      authorName(first("article:author")),
  );
  set("publisher", first("og:site_name", "application-name") ?? ld.publisher);
  set(
    "publishedAt",
    dateSources.map((value) => (value ? parseDate(value) : undefined)).find(Boolean),
  );
  // <base href> is often the site root, so only the saved-from URL stands in for the article's.
  set("sourceUrl", ogUrl ?? canonical ?? toHttpUrl(ld.url, base) ?? toHttpUrl(savedFrom));

  const description = first("og:description", "description", "twitter:description");
  const language = cleanLine(document.documentElement?.getAttribute("lang"));
  const section = first("article:section") ?? ld.section;
  if (description) page.metadata.description = description;
  if (language) page.metadata.language = language;
  if (section) page.metadata.section = section;
  return page;
}

/** Facebook's article:author is often a profile URL rather than a name. */
function authorName(value: string | undefined): string | undefined {
  return value && !/^https?:\/\//i.test(value) ? value : undefined;
}

/** Where pages put the byline a reader sees; the first that reads like one wins. */
const BYLINE_SELECTORS = [
  '[itemprop~="author"] [itemprop~="name"]', '[itemprop~="author"]', '[rel~="author"]',
  '[class~="byline"]', '[class*="byline"]', '[class*="Byline"]', '[id*="byline"]',
  '[class~="author"]', '[class*="author-name"]', '[class*="authorName"]',
]; // prettier-ignore

/** Page furniture whose "author" elements are about someone else (comments, related articles). */
const NOT_THE_ARTICLE = "footer, aside, nav, [class*=comment], [id*=comment], [class*=related]";

function visibleByline(document: Document): string | undefined {
  const body = document.body;
  if (!body) return undefined;
  for (const selector of BYLINE_SELECTORS) {
    for (const element of Array.from(body.querySelectorAll(selector))) {
      if (element.closest(NOT_THE_ARTICLE)) continue;
      const line = cleanByline(element.textContent);
      if (line && line.length >= 3 && line.length <= 100) return line;
    }
  }
  return undefined;
}

function cleanByline(value: string | null | undefined): string | undefined {
  const line = cleanLine(value)?.replace(/^by\s+/i, "");
  // A "byline" this long is a paragraph Readability mistook for one.
  return line && line.length <= 200 ? line : undefined;
}

function timeElementDate(document: Document): string | undefined {
  const selectors = [
    "time[itemprop=datePublished][datetime]",
    "time[pubdate][datetime]",
    "article time[datetime]",
    "main time[datetime]",
    "time[datetime]",
  ];
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute("datetime");
    if (value && parseDate(value)) return value;
  }
  return undefined;
}

interface JsonLdArticle {
  headline?: string;
  author?: string;
  publisher?: string;
  datePublished?: string;
  url?: string;
  section?: string;
}

const ARTICLE_TYPE = /(Article|BlogPosting|Report)$/;

/** The first schema.org Article-like node of the page's JSON-LD blocks. */
function readJsonLd(document: Document): JsonLdArticle {
  const nodes: Record<string, unknown>[] = [];
  for (const script of Array.from(document.querySelectorAll("script"))) {
    if (script.getAttribute("type")?.trim().toLowerCase() !== "application/ld+json") continue;
    // Some CMSs wrap the JSON in an HTML comment or CDATA section.
    const source = (script.textContent ?? "")
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, "")
      .replace(/(?:-->|\/\/\s*\]\]>)\s*$/, "");
    try {
      collectNodes(JSON.parse(source), nodes);
    } catch {
      // Broken JSON-LD is common (trailing commas); the meta tags still count.
    }
  }
  const article =
    nodes.find((node) => types(node).some((type) => ARTICLE_TYPE.test(type))) ??
    nodes.find((node) => typeof node.datePublished === "string");
  if (!article) return {};
  const mainEntity = article.mainEntityOfPage;
  return {
    headline: cleanLine(stringOf(article.headline) ?? stringOf(article.name)),
    author: names(article.author),
    publisher: names(article.publisher),
    datePublished: stringOf(article.datePublished),
    url:
      stringOf(article.url) ??
      stringOf(mainEntity) ??
      (isRecord(mainEntity) ? stringOf(mainEntity["@id"]) : undefined),
    section: cleanLine(stringOf(article.articleSection) ?? firstString(article.articleSection)),
  };
}

function collectNodes(value: unknown, into: Record<string, unknown>[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into, depth + 1);
  } else if (isRecord(value)) {
    into.push(value);
    if (value["@graph"] !== undefined) collectNodes(value["@graph"], into, depth + 1);
  }
}

function types(node: Record<string, unknown>): string[] {
  const type = node["@type"];
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === "string") : [];
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function firstString(value: unknown): string | undefined {
  return Array.isArray(value) ? value.map(stringOf).find(Boolean) : undefined;
}

/** schema.org Person/Organization values: a name, an object with one, or a list. */
function names(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const found = list
    .map((item) => authorName(cleanLine(isRecord(item) ? stringOf(item.name) : stringOf(item))))
    .filter((name): name is string => name !== undefined);
  return found.length > 0 ? [...new Set(found)].join(", ") : undefined;
}
