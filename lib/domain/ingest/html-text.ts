import { PlainTextBuilder, type BreakLevel } from "./plain-text";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Elements whose content is never article text. */
const SKIPPED = new Set([
  "script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
  "svg", "math", "canvas", "iframe", "frame", "frameset", "object", "embed", "param",
  "img", "picture", "source", "track", "video", "audio", "map", "area",
  "button", "input", "select", "option", "optgroup", "textarea", "datalist", "output",
  "progress", "meter", "dialog", "nav",
]); // prettier-ignore

const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "main", "p", "section",
  "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
]); // prettier-ignore

/**
 * Image captions and credits marked up inline (msn: <span class="caption">
 * "© Provided by …" inside the article's first <p>): rendered as blocks of
 * their own, so a credit never runs into the sentence after it — where a
 * "©" would flag the reporting sentence as boilerplate.
 */
const CAPTION_OR_CREDIT = /(?:^|[\s_-])(?:caption|credits?|attribution|copyright)(?:$|[\s_-])/i;

function isCaptionOrCredit(element: Element): boolean {
  for (const name of ["class", "itemprop", "role", "id"]) {
    const value = element.getAttribute(name);
    if (value !== null && CAPTION_OR_CREDIT.test(value)) return true;
  }
  return false;
}

/** Block content in a cell means the table lays out the page rather than holding data. */
const LAYOUT_CONTENT =
  "p, div, table, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre, section, article";

interface Context {
  /** Nesting of list items, for the indentation of nested list markers. */
  listDepth: number;
  /** Inside list items paragraphs become lines, so that items stay one per line. */
  paragraph: BreakLevel;
}

const TOP: Context = { listDepth: 0, paragraph: 2 };

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

export function tagOf(element: Element): string {
  // linkedom keeps the case createElement was given ("DIV" from Readability).
  return element.tagName.toLowerCase();
}

/** The plain text of a DOM subtree: blocks as paragraphs, list items as "- " lines. */
export function htmlToPlainText(root: Node): string {
  const out = new PlainTextBuilder();
  appendHtmlText(root, out);
  return out.toString();
}

export function appendHtmlText(root: Node, out: PlainTextBuilder, context: Context = TOP): void {
  walkChildren(root, out, context);
}

function walkChildren(node: Node, out: PlainTextBuilder, context: Context): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      out.text(child.nodeValue ?? "");
    } else if (isElement(child)) {
      renderElement(child, out, context);
    }
  }
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute("hidden") || element.getAttribute("aria-hidden") === "true") return true;
  const style = element.getAttribute("style");
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function renderElement(element: Element, out: PlainTextBuilder, context: Context): void {
  const tag = tagOf(element);
  if (SKIPPED.has(tag) || isHidden(element)) return;
  switch (tag) {
    case "br":
      out.lineBreak();
      return;
    case "pre":
      out.blockBreak(context.paragraph);
      // The parser keeps the newline that HTML ignores right after <pre>.
      out.raw((element.textContent ?? "").replace(/^\r?\n/, "").trimEnd());
      out.blockBreak(context.paragraph);
      return;
    case "ul":
    case "ol":
    case "menu":
      renderList(element, out, context, tag === "ol");
      return;
    case "li":
      renderListItem(element, out, context, "- ");
      return;
    case "table":
      if (element.querySelector(LAYOUT_CONTENT) === null) {
        renderDataTable(element, out, context);
        return;
      }
      break;
  }
  if (BLOCKS.has(tag) || isCaptionOrCredit(element)) {
    out.blockBreak(context.paragraph);
    walkChildren(element, out, context);
    out.blockBreak(context.paragraph);
  } else {
    walkChildren(element, out, context);
  }
}

function renderList(
  list: Element,
  out: PlainTextBuilder,
  context: Context,
  ordered: boolean,
): void {
  const edge: BreakLevel = context.listDepth === 0 ? context.paragraph : 1;
  out.blockBreak(edge);
  let number = ordered ? Number.parseInt(list.getAttribute("start") ?? "", 10) : 1;
  if (!Number.isFinite(number)) number = 1;
  for (const child of Array.from(list.childNodes)) {
    if (isElement(child) && tagOf(child) === "li") {
      if (isHidden(child)) continue;
      renderListItem(child, out, context, ordered ? `${number++}. ` : "- ");
    } else if (isElement(child)) {
      renderElement(child, out, context);
    } else if (child.nodeType === TEXT_NODE) {
      out.text(child.nodeValue ?? "");
    }
  }
  out.blockBreak(edge);
}

function renderListItem(
  item: Element,
  out: PlainTextBuilder,
  context: Context,
  marker: string,
): void {
  out.blockBreak(1);
  out.prefix("  ".repeat(context.listDepth) + marker);
  walkChildren(item, out, { listDepth: context.listDepth + 1, paragraph: 1 });
  out.blockBreak(1);
}

/**
 * A data table becomes one paragraph per row, cells joined by " | ": a row is
 * the unit a reader takes in, and run together the rows would read as one
 * endless sentence.
 */
function renderDataTable(table: Element, out: PlainTextBuilder, context: Context): void {
  out.blockBreak(context.paragraph);
  for (const row of tableRows(table)) {
    if (tagOf(row) === "caption") {
      out.blockBreak(context.paragraph);
      walkChildren(row, out, context);
      out.blockBreak(context.paragraph);
      continue;
    }
    const cells: string[] = [];
    for (const cell of Array.from(row.children)) {
      const tag = tagOf(cell);
      if ((tag !== "td" && tag !== "th") || isHidden(cell)) continue;
      const text = htmlToPlainText(cell)
        .replace(/\s*\n\s*/g, " ")
        .trim();
      if (text) cells.push(text);
    }
    if (cells.length === 0) continue;
    out.blockBreak(context.paragraph);
    out.text(cells.join(" | "));
    out.blockBreak(context.paragraph);
  }
  out.blockBreak(context.paragraph);
}

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of Array.from(table.children)) {
    const tag = tagOf(child);
    if (tag === "tr" || tag === "caption") rows.push(child);
    else if (tag === "thead" || tag === "tbody" || tag === "tfoot") {
      for (const row of Array.from(child.children)) if (tagOf(row) === "tr") rows.push(row);
    }
  }
  return rows;
}

/** Deeper than this is not a web page; see exceedsHtmlDepth. */
export const MAX_HTML_DEPTH = 1000;

const VOID_OR_IMPLIED_END = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
  "track", "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
  "thead", "tbody", "tfoot", "caption", "colgroup", "rp", "rt",
]); // prettier-ignore

const TAGS =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title)\b[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-z][^\s/>]*)[^>]*>/gi;

/**
 * Estimates element nesting from the source, before parsing: linkedom's
 * parser slows quadratically with depth (200,000 nested divs take a minute),
 * so a hostile file must be refused unparsed. Elements that close themselves
 * or are closed implicitly (an unclosed <p> or <li>) do not count, which
 * keeps sloppy but ordinary HTML far below the limit.
 */
export function exceedsHtmlDepth(html: string, limit: number = MAX_HTML_DEPTH): boolean {
  let depth = 0;
  for (const match of html.matchAll(TAGS)) {
    const name = match[3]?.toLowerCase();
    if (name === undefined || VOID_OR_IMPLIED_END.has(name)) continue;
    if (match[2]) depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}
