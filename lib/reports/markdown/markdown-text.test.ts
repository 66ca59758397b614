import { marked } from "marked";
import { describe, expect, it } from "vitest";

import { code, escapeMarkdown, table } from "./markdown-text";

describe("escapeMarkdown", () => {
  it("neutralises markup", () => {
    const html = marked.parseInline(escapeMarkdown("<img src=x onerror=alert(1)> **bold** [link](javascript:x)")) as string;
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<strong>");
    expect(html).not.toContain("<a ");
  });

  it("keeps one line", () => {
    expect(escapeMarkdown("a\n# b")).toBe("a # b");
  });
});

describe("code", () => {
  it("fences backticks", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x")).toBe("`` `x ``");
  });
});

describe("table", () => {
  it("escapes pipes in code", () => {
    const html = marked.parse(table(["A", "B"], [[code("x|y"), "1"]])) as string;
    expect(html).toContain("<td><code>x|y</code></td>");
    expect(html).toContain("<td>1</td>");
  });
});
