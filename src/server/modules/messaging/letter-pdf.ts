/**
 * The citizen's letter laid out on A4 (issue 16) with pdfkit: large type (body 15 pt, headings 20 pt
 * and more, never below 14 pt), a box per planned visit, and the punch card as a grid of squares the
 * citizen can read like the paper card they know — one square per granted clip, used ones crossed
 * out, planned ones with a ring, those left empty. What the lines say comes from
 * domain/messaging/letter-content.ts; this file only places them.
 *
 * The font is pdfkit's built-in Helvetica (one of the PDF standard fonts, nothing embedded, no licence
 * to carry): its WinAnsi encoding has æ, ø, å, the en dash and the ellipsis the letter uses.
 */
import PDFDocument from "pdfkit";
import {
  type LetterContent,
  type LetterInput,
  type LetterVisit,
  MAX_VISITS,
  type Square,
  letterContent,
} from "../../../domain/messaging/letter-content.js";

const MARGIN = 50; // 1.8 cm
/** The page number sits this far from the bottom edge, below the text. */
const FOOTER = 34;
const BODY = 15;
const SMALL = 14;
const HEADING = 20;
const TITLE = 26;
const INK = "#1a1a1a";
const LINE = "#3d3d3d";
const SQUARE = 32;
const GAP = 8;
const REGULAR = "Helvetica";
const BOLD = "Helvetica-Bold";

type Doc = PDFKit.PDFDocument;

function width(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

function bottom(doc: Doc): number {
  // Leaves room for the page footer.
  return doc.page.height - FOOTER - 20;
}

/** Starts a new page when `height` does not fit below the cursor (a box is never split). */
function room(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

function text(doc: Doc, s: string, size = BODY, font = REGULAR, gap = 4): void {
  doc.font(font).fontSize(size);
  room(doc, doc.heightOfString(s, { width: width(doc) }));
  doc.fillColor(INK).text(s, MARGIN, doc.y, { width: width(doc) });
  doc.y += gap;
}

function heading(doc: Doc, s: string, following: number): void {
  doc.font(BOLD).fontSize(HEADING);
  // A heading stays with what follows it.
  room(doc, doc.heightOfString(s, { width: width(doc) }) + following);
  doc.y += 6;
  doc.fillColor(INK).text(s, MARGIN, doc.y, { width: width(doc) });
  doc.y += 4;
}

/** A framed block of lines (the coordinator, a visit); the first line (or `bold` lines) bold and larger. */
function box(
  doc: Doc,
  lines: string[],
  opts: { thick?: boolean; firstSize?: number; bold?: number } = {},
): void {
  const pad = 10;
  const inner = width(doc) - 2 * pad;
  const sized = lines.map((l, i) => ({
    l,
    font: i < (opts.bold ?? 1) ? BOLD : REGULAR,
    size: i < (opts.bold ?? 1) ? (opts.firstSize ?? BODY + 1) : BODY,
  }));
  const heights = sized.map(
    (s) => doc.font(s.font).fontSize(s.size).heightOfString(s.l, { width: inner }) + 3,
  );
  const height = heights.reduce((a, b) => a + b, 0) + 2 * pad - 3;
  room(doc, height + 8);
  const top = doc.y;
  doc
    .lineWidth(opts.thick ? 3 : 1.5)
    .strokeColor(LINE)
    .roundedRect(MARGIN, top, width(doc), height, 6)
    .stroke();
  let y = top + pad;
  sized.forEach((s, i) => {
    doc
      .font(s.font)
      .fontSize(s.size)
      .fillColor(INK)
      .text(s.l, MARGIN + pad, y, { width: inner });
    y += heights[i]!;
  });
  doc.y = top + height + 8;
}

function visitLines(v: LetterVisit): string[] {
  // Without a time the box says the time is to be agreed, on a line of its own.
  return [v.when, ...(v.when === v.day ? [v.time] : []), v.what, ...(v.who ? [v.who] : [])];
}

function drawSquare(doc: Doc, x: number, y: number, kind: Square, size = SQUARE): void {
  doc.lineWidth(1.5).strokeColor(INK).rect(x, y, size, size).stroke();
  if (kind === "used") {
    // Crossed out, as a clip is punched on a paper card.
    const m = 5;
    doc
      .lineWidth(3)
      .moveTo(x + m, y + m)
      .lineTo(x + size - m, y + size - m)
      .moveTo(x + size - m, y + m)
      .lineTo(x + m, y + size - m)
      .stroke();
  } else if (kind === "planned") {
    doc
      .lineWidth(2)
      .circle(x + size / 2, y + size / 2, size / 2 - 6)
      .stroke();
  }
}

function grid(doc: Doc, squares: Square[]): void {
  const perRow = Math.max(1, Math.floor((width(doc) + GAP) / (SQUARE + GAP)));
  for (let row = 0; row * perRow < squares.length; row++) {
    room(doc, SQUARE + GAP);
    const y = doc.y;
    squares
      .slice(row * perRow, (row + 1) * perRow)
      .forEach((s, i) => drawSquare(doc, MARGIN + i * (SQUARE + GAP), y, s));
    doc.y = y + SQUARE + GAP;
  }
}

function legend(doc: Doc, words: Record<Square, string>): void {
  const size = 18;
  room(doc, size + 8);
  const y = doc.y;
  let x = MARGIN;
  doc.font(REGULAR).fontSize(SMALL);
  for (const kind of ["used", "planned", "free"] as const) {
    drawSquare(doc, x, y, kind, size);
    doc.fillColor(INK).text(words[kind], x + size + 6, y + 2, { lineBreak: false });
    x += size + 6 + doc.widthOfString(words[kind]) + 24;
  }
  doc.y = y + size + 8;
}

function layoutLetter(doc: Doc, c: LetterContent): void {
  doc.y = MARGIN;
  // The sender and the day, as on any letter from the municipality.
  doc
    .font(BOLD)
    .fontSize(BODY + 1)
    .fillColor(INK)
    .text(c.sender, MARGIN, MARGIN, { width: width(doc) });
  doc
    .font(REGULAR)
    .fontSize(BODY)
    .text(c.date, MARGIN, MARGIN, { width: width(doc), align: "right" });
  doc.y = MARGIN + 28;
  for (const l of c.recipient) text(doc, l, BODY, REGULAR, 0);
  doc.y += 10;
  text(doc, c.title, TITLE, BOLD, 10);
  text(doc, c.greeting, BODY, REGULAR, 6);
  text(doc, c.intro, BODY, REGULAR, 6);

  // The box's first line ("Din koordinator er …") is its heading: one heading less on the one page.
  doc.y += 8;
  // With a phone on record, the number stands out as much as the name.
  box(doc, c.coordinator.lines, {
    thick: true,
    firstSize: HEADING - 2,
    bold: c.coordinator.lines.length > 2 ? 2 : 1,
  });

  heading(doc, c.activity.heading, 24);
  for (const l of c.activity.lines) text(doc, `• ${l}`);

  heading(doc, c.visits.heading, 80);
  for (const v of c.visits.items) box(doc, visitLines(v), { thick: v.isToday });
  if (c.visits.note) text(doc, c.visits.note);

  doc.y += 6;
  const [regards, ...from] = c.closing;
  text(doc, regards ?? "", BODY, REGULAR, 0);
  text(doc, from.join(", "), BODY, BOLD, 0);
}

function layoutCard(doc: Doc, c: LetterContent): void {
  // The punch card is a page of its own, to keep by the phone like the paper card it replaces.
  doc.addPage();
  doc.y = MARGIN;
  text(doc, c.card.heading, TITLE, BOLD, 2);
  text(doc, c.card.owner, HEADING - 2, REGULAR, 10);
  text(doc, c.card.intro, BODY, REGULAR, 8);
  for (const k of c.card.kinds) {
    room(doc, 60 + SQUARE + GAP);
    text(doc, `${k.label}: ${k.leftText}`, HEADING - 2, BOLD, 2);
    text(doc, k.summary, BODY, REGULAR, 6);
    grid(doc, k.squares);
    doc.y += 4;
  }
  if (c.card.kinds.length > 0) legend(doc, c.card.legend);
  if (c.card.note) text(doc, c.card.note);
  doc.y += 12;
  text(doc, c.card.call, HEADING - 2, BOLD);
}

function footers(doc: Doc, c: LetterContent): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not start another page.
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(SMALL)
      .fillColor(INK)
      .text(`${c.sender} · ${c.page(i - start + 1, count)}`, MARGIN, doc.page.height - FOOTER, {
        width: width(doc),
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = keep;
  }
}

function newDoc(c: LetterContent): Doc {
  return new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    lang: c.lang === "da" ? "da-DK" : "en-GB",
    info: { Title: c.title, Author: c.sender, Creator: "Broen" },
    displayTitle: true,
  });
}

/** How many pages the letter takes before its card page. */
function letterPages(c: LetterContent): number {
  const doc = newDoc(c);
  layoutLetter(doc, c);
  const pages = doc.bufferedPageRange().count;
  // Never ended: nothing is written out, the trial only counts pages.
  return pages;
}

/**
 * The letter as PDF bytes: the letter on one page (seed 001: a list that fills one page), with as
 * many of the next visits as fit (at least one; the rest are counted in a line), then the card.
 */
export function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  let c = letterContent(input);
  for (let n = MAX_VISITS - 1; n >= 1 && c.visits.items.length > n && letterPages(c) > 1; n--)
    c = letterContent(input, n);
  const doc = newDoc(c);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (b: Buffer) => chunks.push(b));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  layoutLetter(doc, c);
  layoutCard(doc, c);
  footers(doc, c);
  doc.end();
  return done;
}
