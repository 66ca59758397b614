import type { Tokens } from "marked";

import { inlineRuns, runsText, type TextRun } from "./pdf-text";

const FONT_SIZE = 8;
const PADDING = 3;
const MIN_COLUMN = 48;
const HEADER_FILL = "#e8ecf0";
const RULE_COLOR = "#b8c0c8";

/** Draws a Markdown table with wrapped cells, repeating the header row on each new page. */
export function drawTable(doc: PDFKit.PDFDocument, token: Tokens.Table): void {
  const header = token.header.map((cell) => inlineRuns(cell.tokens, "Helvetica-Bold"));
  const rows = token.rows.map((row) => row.map((cell) => inlineRuns(cell.tokens)));
  const left = doc.page.margins.left;
  const widths = columnWidths([header, ...rows], doc.page.width - left - doc.page.margins.right);
  doc.fontSize(FONT_SIZE);
  const headerHeight = rowHeight(doc, header, widths);
  drawRow(doc, { cells: header, widths, left, fill: HEADER_FILL, height: headerHeight });
  for (const row of rows) {
    const height = rowHeight(doc, row, widths);
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawRow(doc, { cells: header, widths, left, fill: HEADER_FILL, height: headerHeight });
    }
    drawRow(doc, { cells: row, widths, left, fill: null, height });
  }
  doc.x = left;
  doc.moveDown(0.6);
}

/** Shares the width among columns by their longest text, with a floor so that no column collapses. */
function columnWidths(table: TextRun[][][], total: number): number[] {
  const columns = table[0]?.length ?? 0;
  const demand = Array.from({ length: columns }, (_, column) =>
    Math.max(4, ...table.map((row) => Math.min(60, runsText(row[column] ?? []).length))),
  );
  const sum = demand.reduce((a, b) => a + b, 0);
  const raw = demand.map((value) => Math.max(MIN_COLUMN, (value / sum) * total));
  const scale = total / raw.reduce((a, b) => a + b, 0);
  return raw.map((value) => value * scale);
}

function rowHeight(doc: PDFKit.PDFDocument, cells: TextRun[][], widths: number[]): number {
  const heights = cells.map((runs, index) => {
    // Courier is wider than Helvetica, so a cell with code is measured in Courier to stay on the safe side.
    doc.font(runs.some((run) => run.font === "Courier") ? "Courier" : "Helvetica");
    return doc.heightOfString(runsText(runs) || " ", { width: (widths[index] ?? MIN_COLUMN) - 2 * PADDING });
  });
  return Math.max(...heights, FONT_SIZE) + 2 * PADDING;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  row: { cells: TextRun[][]; widths: number[]; left: number; fill: string | null; height: number },
): void {
  const top = doc.y;
  const { height } = row;
  const width = row.widths.reduce((a, b) => a + b, 0);
  if (row.fill) {
    doc.rect(row.left, top, width, height).fill(row.fill);
  }
  doc.fillColor("#111111");
  let x = row.left;
  row.cells.forEach((runs, index) => {
    const cellWidth = row.widths[index] ?? MIN_COLUMN;
    writeRuns(doc, runs, { x: x + PADDING, y: top + PADDING, width: cellWidth - 2 * PADDING });
    x += cellWidth;
  });
  doc.moveTo(row.left, top + height).lineTo(row.left + width, top + height).lineWidth(0.5).strokeColor(RULE_COLOR).stroke();
  doc.x = row.left;
  doc.y = top + height;
}

/** Writes runs at a position, switching fonts between them on one flowing paragraph. */
export function writeRuns(
  doc: PDFKit.PDFDocument,
  runs: TextRun[],
  box: { x: number; y: number; width: number },
): void {
  const pieces = runs.filter((run) => run.text.length > 0);
  if (pieces.length === 0) {
    return;
  }
  pieces.forEach((run, index) => {
    doc.font(run.font);
    const options = { width: box.width, continued: index < pieces.length - 1, lineBreak: true };
    if (index === 0) {
      doc.text(run.text, box.x, box.y, options);
    } else {
      doc.text(run.text, options);
    }
  });
}
