import { describe, expect, it } from "vitest";

import { isSafeUrl, renderMarkdown } from "./render-markdown";

describe("renderMarkdown", () => {
  it("renders tables and headings", () => {
    const html = renderMarkdown("## Timeline\n\n| A | B |\n| --- | --- |\n| `x` | **y** |\n");
    expect(html).toContain("<h2>Timeline</h2>");
    expect(html).toContain("<td><code>x</code></td>");
    expect(html).toContain("<td><strong>y</strong></td>");
  });

  it("shows raw HTML as text", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nText <img src=x onerror="alert(1)"> end');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;script&#62;");
  });

  it("drops script links", () => {
    const html = renderMarkdown("[click](javascript:alert(1)) [ok](https://example.com/a)");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://example.com/a" rel="noopener noreferrer">ok</a>');
  });

  it("turns images into links", () => {
    const html = renderMarkdown("![chart](https://example.com/c.png) ![x](data:image/png;base64,AAAA)");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("data:");
  });

  it("escapes attribute quotes", () => {
    const html = renderMarkdown('[a](https://example.com/"onmouseover="x)');
    expect(html).not.toContain('"onmouseover');
  });
});

describe("isSafeUrl", () => {
  it.each([
    ["https://example.com", true],
    ["/incidents/1", true],
    ["#timeline", true],
    ["notes/a.md", true],
    ["mailto:soc@example.com", true],
    ["javascript:alert(1)", false],
    [" JavaScript:alert(1)", false],
    ["data:text/html,x", false],
    ["vbscript:x", false],
    ["//evil.example/x", false],
    ["java\tscript:alert(1)", false],
  ])("judges %s", (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
});
