/**
 * Renders a PDF page to a PNG in Node, for tests that must see a document as a reader would (issue
 * 16: the citizen's letter). pdf.js (pdfjs-dist's legacy build, which runs without a browser) draws
 * the page on @napi-rs/canvas — its optional canvas for Node, a prebuilt binary, nothing downloaded
 * at test time — and answers the page's text content from the same parsed document, so a test checks
 * the words of exactly the page it looked at.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
/** pdf.js draws the 14 standard fonts (the letter's Helvetica) from these files. */
const STANDARD_FONTS = `${join(dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

export interface RenderedPage {
  pages: number;
  /** The page as PNG bytes. */
  png: Buffer;
  width: number;
  height: number;
  /** Share of pixels that are not (near) white: 0 for a blank page. */
  ink: number;
  /** The page's text, its items joined by spaces. */
  text: string;
}

export async function renderPdfPage(
  pdf: Buffer | Uint8Array,
  pageNumber = 1,
  scale = 1.5,
): Promise<RenderedPage> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl: STANDARD_FONTS,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) inked++;
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? item.str : ""))
      .join(" ")
      .replace(/\s+/g, " ");
    return {
      pages: doc.numPages,
      png: canvas.toBuffer("image/png"),
      width: canvas.width,
      height: canvas.height,
      ink: inked / (canvas.width * canvas.height),
      text,
    };
  } finally {
    await doc.destroy();
  }
}
