import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseUpload, type ParsedDocument, type ParseResult } from "@/lib/domain/ingest";
import { flagBoilerplate, normalizeText, segmentSentences } from "@/lib/domain/text";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/ingest/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

function only(result: ParseResult): ParsedDocument {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  expect(result.documents).toHaveLength(1);
  expect(result.lineErrors).toEqual([]);
  const [doc] = result.documents;
  if (!doc) throw new Error("no document");
  return doc;
}

const page = (body: string, head = "") =>
  utf8(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`);

describe("HTML: a saved news page", () => {
  const doc = only(
    parseUpload(
      "Floods force 12,000 from homes in northern Italy.html",
      fixture("news-article.html"),
    ),
  );

  it("reads the metadata from meta tags and JSON-LD", () => {
    expect(doc.title).toBe("Floods force 12,000 from homes in northern Italy");
    // The meta author tag wins over JSON-LD; article:author is a profile URL and is skipped.
    expect(doc.byline).toBe("Giulia Ferraro, Tom Okafor");
    expect(doc.publisher).toBe("The Meridian Post");
    // 21:40 in New York is the 16th there, though the 17th in UTC.
    expect(doc.publishedAt).toBe("2024-05-16");
    expect(doc.sourceUrl).toBe(
      "https://www.meridianpost.example/world/europe/2024/05/16/italy-floods-emilia-romagna-evacuations",
    );
    expect(doc.metadata).toEqual({
      description:
        "Rescue teams used boats to reach villages cut off by the Lamone and Santerno rivers as more rain was forecast for the weekend.",
      language: "en-GB",
      section: "Europe",
    });
  });

  it("keeps the article as plain text: paragraphs, heading lines, list lines", () => {
    expect(doc.text).toBe(
      [
        "More than 12,000 people have been forced from their homes in the northern Italian region of Emilia-Romagna after two rivers burst their banks overnight, according to the regional civil protection agency.",
        "Rescue teams used inflatable boats and helicopters to reach villages cut off by the Lamone and Santerno rivers, and at least 36 people were airlifted from rooftops in and around Faenza, the agency said in a statement on Thursday evening.",
        "“We have never seen the water rise this fast,” said Marta Bellini, 54, who runs a bakery near Faenza’s main square. “By two in the morning it was at the second step of the stairs.”",
        "The region’s president, Stefano Bonaccini, described the flooding as “a catastrophe on the scale of last year’s,” when 17 people died and damage was estimated at €8.5bn. Critics say little of the promised flood-defence work has begun.",
        "‘A warning we keep ignoring’",
        "Climate scientists have linked the increasing frequency of extreme rainfall in the Po valley to warming temperatures in the Mediterranean. It is the third major flood in the area in 14 months.",
        "Every year we call it exceptional. At some point it is simply the climate we live in.",
        "Officials listed the worst-affected areas as:",
        [
          "- Faenza, where the Lamone overtopped its embankment in two places",
          "- Conselice, which remained under about a metre of water",
          "- Lugo & Bagnacavallo, where roads were closed",
        ].join("\n"),
        "The agency said shelters had been opened in schools and sports halls in Ravenna, Forlì and Imola, and asked residents on upper floors to stay where they were rather than attempt to leave.\nHelpline: 800 000 111.",
        "Italy’s defence ministry said 400 soldiers had been deployed. More rain is forecast for Saturday, with a red alert in force until midnight on Sunday.",
        "This article was amended on 17 May 2024 to correct the number of people airlifted.",
      ].join("\n\n"),
    );
  });

  it("lets no markup, script, style or entity through", () => {
    expect(doc.text).not.toMatch(/<\/?[a-z!][^>]*>/i);
    expect(doc.text).not.toMatch(/&[a-z]+;|&#\d+;/i);
    for (const leak of [
      "TRACKING_SCRIPT_TEXT", "FOOTER_SCRIPT_MARKER", "NOSCRIPT_PIXEL", "gtag", "dataLayer",
      "mpInline", "@context", "min-height", "not text",
    ]) expect(doc.text).not.toContain(leak); // prettier-ignore
  });

  it("drops navigation, ads, share buttons, sign-ups, comments and the footer", () => {
    for (const furniture of [
      "Skip to main content", "We use cookies", "Accept all", "Subscribe", "Sign in", "Business",
      "Advertisement", "Share on", "Email this article", "Copy link", "Related", "2023 in pictures",
      "morning briefing", "Comments (214)", "Most read", "Rail strike", "All rights reserved",
      "Terms", "Friday, 17 May 2024",
    ]) expect(doc.text).not.toContain(furniture); // prettier-ignore
  });
});

describe("HTML: metadata sources", () => {
  const story = `<p>${"The council met on Monday and voted on the plan. ".repeat(20)}</p>`;

  it("drops a site suffix from the title when it names the publisher, and only then", () => {
    const withSuffix = only(
      parseUpload(
        "a.html",
        page(
          `<article>${story}</article>`,
          '<title>Council backs plan - BBC News</title><meta property="og:site_name" content="BBC News">',
        ),
      ),
    );
    expect(withSuffix).toMatchObject({ title: "Council backs plan", publisher: "BBC News" });
    const ogTitle = only(
      parseUpload(
        "b.html",
        page(
          `<article>${story}</article>`,
          '<meta property="og:title" content="Council backs plan | Reuters"><meta property="og:site_name" content="Reuters">',
        ),
      ),
    );
    expect(ogTitle.title).toBe("Council backs plan");
    const otherSuffix = only(
      parseUpload(
        "c.html",
        page(
          `<article>${story}</article>`,
          '<title>Brexit - what happens next</title><meta property="og:site_name" content="BBC News">',
        ),
      ),
    );
    expect(otherSuffix.title).toBe("Brexit - what happens next");
  });

  it("prefers a byline visible in the article to <meta property=article:author>", () => {
    const head = '<meta property="article:author" content="Daily Planet Facebook">';
    const visible = only(
      parseUpload(
        "a.html",
        page(`<article><p class="byline">By Lois Lane</p>${story}</article>`, head),
      ),
    );
    expect(visible.byline).toBe("Lois Lane");
    const microdata = only(
      parseUpload(
        "b.html",
        page(
          `<article><div itemprop="author" itemscope><span itemprop="name">Clark Kent</span></div>${story}</article>`,
          head,
        ),
      ),
    );
    expect(microdata.byline).toBe("Clark Kent");
    // A comment's author is not the article's.
    const onlyMeta = only(
      parseUpload(
        "c.html",
        page(
          `<article>${story}</article><section class="comments"><span class="author">Troll42</span></section>`,
          head,
        ),
      ),
    );
    expect(onlyMeta.byline).toBe("Daily Planet Facebook");
    const namedAuthor = only(
      parseUpload(
        "d.html",
        page(
          `<article><p class="byline">By Lois Lane</p>${story}</article>`,
          '<meta name="author" content="Perry White">',
        ),
      ),
    );
    expect(namedAuthor.byline).toBe("Perry White");
  });

  it("falls back to JSON-LD, then <time>, then the document title", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@type": ["ReportageNewsArticle"],
      headline: "Headline from JSON-LD",
      datePublished: "2023-09-30T06:00:00+09:00",
      author: { "@type": "Person", name: "Kenji Sato" },
      publisher: { "@type": "Organization", name: "Tokyo Ledger" },
      mainEntityOfPage: "https://ledger.example/a/1",
    });
    const doc = only(
      parseUpload(
        "a.html",
        page(
          `<article><p>${"Body text of the story. ".repeat(20)}</p></article>`,
          `<title>Page title | Tokyo Ledger</title><script type="application/ld+json">${ld}</script>`,
        ),
      ),
    );
    expect(doc).toMatchObject({
      title: "Headline from JSON-LD",
      byline: "Kenji Sato",
      publisher: "Tokyo Ledger",
      publishedAt: "2023-09-30",
      sourceUrl: "https://ledger.example/a/1",
    });

    const bare = only(
      parseUpload(
        "b.html",
        page(
          `<article><p class="byline">By Ruth Adler</p><time datetime="2022-02-03">3 Feb</time><p>${"Story text here. ".repeat(30)}</p></article>`,
          "<title>Only a title</title>",
        ),
      ),
    );
    expect(bare.title).toBe("Only a title");
    expect(bare.byline).toBe("Ruth Adler");
    expect(bare.publishedAt).toBe("2022-02-03");
  });

  it("resolves a relative canonical link against the saved-from URL and refuses non-http URLs", () => {
    const html = `<!-- saved from url=(0032)https://news.example/world/story -->
      <html><head><link rel="canonical" href="/world/story-canonical"><meta property="og:url" content="javascript:alert(1)"></head>
      <body><p>${"Text. ".repeat(50)}</p></body></html>`;
    expect(only(parseUpload("a.html", utf8(html))).sourceUrl).toBe(
      "https://news.example/world/story-canonical",
    );
  });

  it("ignores broken JSON-LD", () => {
    const doc = only(
      parseUpload(
        "a.html",
        page(
          `<p>${"Words. ".repeat(40)}</p>`,
          `<script type="application/ld+json">{"@type": "NewsArticle",}</script>`,
        ),
      ),
    );
    expect(doc.text).toBe("Words. ".repeat(40).trim());
    expect(doc.title).toBeUndefined();
  });
});

describe("HTML: text extraction", () => {
  it("reads fragments and pages without <body>", () => {
    expect(only(parseUpload("a.html", utf8("<p>One &amp; two.</p><p>Three.</p>"))).text).toBe(
      "One & two.\n\nThree.",
    );
    const noBody = "<html><head><title>T</title></head><p>text one<p>two</html>";
    expect(only(parseUpload("a.html", utf8(noBody))).text).toBe("text one\n\ntwo");
  });

  it("turns <br> into line breaks and two of them into a paragraph break", () => {
    const doc = only(parseUpload("a.html", page("First line<br>second line<br><br>New paragraph")));
    expect(doc.text).toBe("First line\nsecond line\n\nNew paragraph");
  });

  it("writes lists one item per line, numbered and nested, and tables one row per paragraph", () => {
    const doc = only(
      parseUpload(
        "a.html",
        page(
          `<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Greens</td><td>12</td></tr></table>
           <ol start="3"><li><p>third</p></li><li>fourth<ul><li>nested</li></ul></li></ol>
           <pre>\n  keep   spacing\n    here</pre>`,
        ),
      ),
    );
    expect(doc.text).toBe(
      "Party | Seats\n\nGreens | 12\n\n3. third\n4. fourth\n  - nested\n\n  keep   spacing\n    here",
    );
  });

  it("skips hidden elements", () => {
    const doc = only(
      parseUpload(
        "a.html",
        page(
          '<p>Shown.</p><p hidden>Hidden one.</p><p style="display: none">Hidden two.</p><span aria-hidden="true">Icon</span>',
        ),
      ),
    );
    expect(doc.text).toBe("Shown.");
  });

  it("falls back to the body text when Readability finds no article", () => {
    // Readability gives up on a page whose only text is in a <header>.
    const doc = only(
      parseUpload(
        "a.html",
        page("<header><h1>Statement from the ministry</h1></header><nav>Menu</nav>"),
      ),
    );
    expect(doc.text).toBe("Statement from the ministry");
  });

  it("fails when there is no readable text at all", () => {
    const result = parseUpload(
      "a.html",
      page("<script>var a = 1;</script><style>p{}</style><img src=x.png>", "<title>Empty</title>"),
    );
    expect(result).toEqual({ ok: false, error: "The HTML file has no readable text." });
  });

  it("reads deeply nested pages without Readability, and refuses absurd nesting quickly", () => {
    const nested = (depth: number) => page(`${"<div>".repeat(depth)}deep${"</div>".repeat(depth)}`);
    const started = performance.now();
    expect(only(parseUpload("a.html", nested(900))).text).toBe("deep");
    expect(parseUpload("a.html", nested(200_000))).toEqual({
      ok: false,
      error: "The HTML file is nested too deeply to read.",
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("HTML: image captions and credits", () => {
  // Reduced from Readability's msn test page: the credit sits inside the article's first <p>.
  const doc = only(parseUpload("msn.html", fixture("msn-image-credit.html")));
  const text = normalizeText(doc.text);
  const sentences = segmentSentences(text);
  const flags = flagBoilerplate(text, sentences);

  it("puts an inline caption with its credit in a block of its own", () => {
    expect(text.split("\n\n")[0]).toBe("© Provided by Business Insider Inc Nintendo/Apple");
  });

  it("flags the credit and keeps the article's first sentence taggable", () => {
    expect(sentences.slice(0, 2).map((s, i) => [s.text.slice(0, 40), flags[i]])).toEqual([
      ["© Provided by Business Insider Inc Ninte", true],
      ["Nintendo and Apple shocked the world ear", false],
    ]);
    expect(flags.filter(Boolean)).toHaveLength(1);
  });

  it("makes <figcaption> and credit spans their own blocks", () => {
    const captioned = only(
      parseUpload(
        "figure.html",
        page(
          '<p>Troops advanced. <span class="image-credit">Photo: Reuters</span> The town fell on Monday.</p>' +
            "<figure><img src=x><figcaption>Smoke over Mosul</figcaption></figure><p>Talks resumed.</p>",
        ),
      ),
    );
    expect(captioned.text.split("\n\n")).toEqual([
      "Troops advanced.",
      "Photo: Reuters",
      "The town fell on Monday.",
      "Smoke over Mosul",
      "Talks resumed.",
    ]);
  });
});
