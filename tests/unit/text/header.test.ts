import { describe, expect, it } from "vitest";
import { extractHeaderMetadata } from "@/lib/domain/text";

describe("extractHeaderMetadata", () => {
  it("reads a Global Research style header", () => {
    const text = [
      "Iraqi Forces Close In on Mosul’s Old City",
      "",
      "By Jane Doe",
      "",
      "Global Research, Sept. 9, 2017",
      "",
      "Region: Middle East",
      "",
      "Iraqi forces advanced on Thursday into the last districts held by ISIS in western Mosul.",
      "",
      "The original source of this article is [Reuters](https://www.reuters.com/article/mosul-123).",
    ].join("\n");
    expect(extractHeaderMetadata(text)).toStrictEqual({
      title: "Iraqi Forces Close In on Mosul’s Old City",
      byline: "Jane Doe",
      publisher: "Global Research",
      publishedAt: "2017-09-09",
      originalSource: "Reuters",
      sourceUrl: "https://www.reuters.com/article/mosul-123",
    });
  });

  it("takes the source URL only from a line that names it as the source", () => {
    const text = [
      "Headline",
      "",
      "Body text with a link to https://example.org/other and a plea to give at http://southfront.org/donate/.",
      "",
      "Source: https://southfront.org/western-iraq/.",
    ].join("\n");
    expect(extractHeaderMetadata(text)).toStrictEqual({
      title: "Headline",
      sourceUrl: "https://southfront.org/western-iraq/",
    });
  });

  it("uses a bare URL after “the original source of this article is”", () => {
    expect(
      extractHeaderMetadata(
        "Body sentence one is here and it is long enough to be body text, clearly.\n\nThe original source of this article is https://southfront.org/x.",
      ),
    ).toStrictEqual({ sourceUrl: "https://southfront.org/x" });
  });

  it("falls back to a date-only line and to “Articles by:”", () => {
    const text =
      "Title Of Piece\n\nSouth Front 8 June 2017\n\nThe body starts here and goes on for quite a few words indeed.\n\nArticles by: South Front";
    expect(extractHeaderMetadata(text)).toStrictEqual({
      title: "Title Of Piece",
      byline: "South Front",
      publishedAt: "2017-06-08",
    });
  });

  it("returns nothing for a text that starts with body text", () => {
    expect(
      extractHeaderMetadata(
        "Iraqi forces advanced on Thursday into the last districts held by ISIS in western Mosul.",
      ),
    ).toStrictEqual({});
    expect(extractHeaderMetadata("")).toStrictEqual({});
  });

  it("does not take a header or notice line as the title", () => {
    expect(extractHeaderMetadata("By Jane Doe\n\nGlobal Research, June 09, 2017")).toStrictEqual({
      byline: "Jane Doe",
      publisher: "Global Research",
      publishedAt: "2017-06-09",
    });
    expect(extractHeaderMetadata("Featured image: South Front").title).toBeUndefined();
    expect(extractHeaderMetadata("Please read this:").title).toBeUndefined();
  });

  it("ignores an impossible date", () => {
    expect(extractHeaderMetadata("Title\n\nGlobal Research, February 30, 2017")).toStrictEqual({
      title: "Title",
    });
  });
});
