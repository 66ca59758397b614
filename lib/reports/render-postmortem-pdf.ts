import { Lexer, type Token, type Tokens } from "marked";
import PDFDocument from "pdfkit";

import { drawTable, writeRuns } from "./pdf/pdf-table";
import { inlineRuns, toWinAnsi, type TextRun } from "./pdf/pdf-text";

const HEADING_SIZES = [18, 14, 12, 11, 10, 10];
const BODY_SIZE = 10;
const MARGIN = 48;

export interface RenderPostmortemPdfOptions {
  markdown: string;
  /** Document title in the PDF's metadata. */
  title: string;
  /** Creation time written into the metadata; fixed values give byte-identical files. */
  createdAt?: Date;
}

/**
 * Renders a postmortem's Markdown as an A4 PDF with the standard Helvetica
 * and Courier fonts: headings, paragraphs, lists, tables (header repeated
 * after a page break), code and quotes. Raw HTML is printed as text.
 */
export async function renderPostmortemPdf(options: RenderPostmortemPdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: toWinAnsi(options.title), Creator: "Watchfloor", CreationDate: options.createdAt ?? new Date() },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  for (const token of Lexer.lex(options.markdown)) {
    drawBlock(doc, token, 0);
  }
  numberPages(doc);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function drawBlock(doc: PDFKit.PDFDocument, token: Token, indent: number): void {
  switch (token.type) {
    case "heading":
      drawHeading(doc, token as Tokens.Heading);
      break;
    case "paragraph":
    case "text":
      drawParagraph(doc, inlineRuns((token as Tokens.Paragraph).tokens ?? [{ type: "text", raw: token.raw, text: token.raw }]), indent);
      break;
    case "list":
      drawList(doc, token as Tokens.List, indent);
      break;
    case "table":
      drawTable(doc, token as Tokens.Table);
      break;
    case "code":
      drawCode(doc, (token as Tokens.Code).text, indent);
      break;
    case "blockquote":
      for (const child of (token as Tokens.Blockquote).tokens) {
        drawBlock(doc, child, indent + 14);
      }
      break;
    case "hr":
      drawRule(doc);
      break;
    case "space":
      break;
    default:
      // Block HTML and anything unknown are printed as their source text.
      drawParagraph(doc, [{ text: toWinAnsi(token.raw.trim()), font: "Helvetica" }], indent);
  }
}

function drawHeading(doc: PDFKit.PDFDocument, token: Tokens.Heading): void {
  const size = HEADING_SIZES[token.depth - 1] ?? BODY_SIZE;
  if (doc.y > doc.page.height - doc.page.margins.bottom - size * 4) {
    doc.addPage();
  }
  doc.moveDown(token.depth <= 2 ? 0.6 : 0.3);
  doc.fontSize(size).fillColor("#0b1f33");
  writeRuns(doc, inlineRuns(token.tokens, "Helvetica-Bold"), { x: doc.page.margins.left, y: doc.y, width: contentWidth(doc) });
  doc.fillColor("#111111").fontSize(BODY_SIZE).moveDown(0.4);
}

function drawParagraph(doc: PDFKit.PDFDocument, runs: TextRun[], indent: number): void {
  doc.fontSize(BODY_SIZE).fillColor("#111111");
  const x = doc.page.margins.left + indent;
  writeRuns(doc, runs, { x, y: doc.y, width: contentWidth(doc) - indent });
  doc.x = doc.page.margins.left;
  doc.moveDown(0.5);
}

function drawList(doc: PDFKit.PDFDocument, list: Tokens.List, indent: number): void {
  const start = typeof list.start === "number" ? list.start : 1;
  list.items.forEach((item, index) => {
    const marker = list.ordered ? `${start + index}.` : "•";
    const x = doc.page.margins.left + indent;
    doc.fontSize(BODY_SIZE).font("Helvetica").text(marker, x, doc.y, { width: 16, continued: false });
    doc.moveUp();
    for (const child of item.tokens) {
      if (child.type === "list") {
        drawList(doc, child as Tokens.List, indent + 16);
      } else {
        const runs = inlineRuns("tokens" in child && child.tokens ? child.tokens : [child]);
        writeRuns(doc, runs, { x: x + 16, y: doc.y, width: contentWidth(doc) - indent - 16 });
      }
    }
    doc.x = doc.page.margins.left;
    doc.moveDown(0.25);
  });
  doc.moveDown(0.3);
}

function drawCode(doc: PDFKit.PDFDocument, text: string, indent: number): void {
  const x = doc.page.margins.left + indent;
  const width = contentWidth(doc) - indent;
  doc.font("Courier").fontSize(8.5);
  const body = toWinAnsi(text);
  const height = doc.heightOfString(body, { width: width - 12 }) + 10;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
  }
  const top = doc.y;
  doc.rect(x, top, width, height).fill("#f2f4f6");
  doc.fillColor("#111111").text(body, x + 6, top + 5, { width: width - 12 });
  doc.x = doc.page.margins.left;
  doc.y = top + height;
  doc.fontSize(BODY_SIZE).moveDown(0.5);
}

function drawRule(doc: PDFKit.PDFDocument): void {
  const y = doc.y + 4;
  doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(0.5).strokeColor("#b8c0c8").stroke();
  doc.y = y + 8;
}

function numberPages(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor("#666666");
    doc.text(`Page ${index + 1} of ${range.count}`, doc.page.margins.left, doc.page.height - 30, {
      width: contentWidth(doc),
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}
