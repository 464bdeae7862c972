import { describe, expect, it } from "vitest";
import { renderGuidelines } from "@/lib/domain/annotation/guidelines";

describe("guidelines rendering", () => {
  it("renders Markdown and escapes raw HTML and script links", () => {
    const html = renderGuidelines(
      "# Tagging\n\n**Sourced fact**: named source.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://example.org)",
    );
    expect(html).toContain("<h3>Tagging</h3>");
    expect(html).toContain("<strong>Sourced fact</strong>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">ok</a>',
    );
  });
});
