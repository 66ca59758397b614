import { Lexer, type Tokens } from "marked";
import { describe, expect, it } from "vitest";

import { decodeEntities, inlineRuns, toWinAnsi } from "./pdf-text";

describe("toWinAnsi", () => {
  it("spells symbols out", () => {
    expect(toWinAnsi("a → b — café ✗")).toBe("a -> b — café ?");
  });
});

describe("decodeEntities", () => {
  it("decodes named and numeric", () => {
    expect(decodeEntities("&amp; &lt;b&gt; &#39; &#x41;")).toBe("& <b> ' A");
  });
});

describe("inlineRuns", () => {
  it("maps emphasis to fonts", () => {
    const [paragraph] = Lexer.lex("A **b** *c* `d` <i>e</i>") as Tokens.Paragraph[];
    const runs = inlineRuns(paragraph?.tokens);
    expect(runs.map((run) => [run.text, run.font])).toEqual([
      ["A ", "Helvetica"],
      ["b", "Helvetica-Bold"],
      [" ", "Helvetica"],
      ["c", "Helvetica-Oblique"],
      [" ", "Helvetica"],
      ["d", "Courier"],
      [" ", "Helvetica"],
      ["<i>", "Helvetica"],
      ["e", "Helvetica"],
      ["</i>", "Helvetica"],
    ]);
  });
});
