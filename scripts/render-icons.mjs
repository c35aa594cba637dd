// Renders the app icons (public/icons/*.png) from their SVG sources with Chromium, so the PNGs
// the web app manifest and iOS need match the SVG exactly. Run by hand after changing an SVG
// (`node scripts/render-icons.mjs`) and commit the PNGs: the build only copies them.
// CHROMIUM overrides the browser binary (default /usr/bin/chromium).
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const DIR = new URL("../public/icons/", import.meta.url);
const ICONS = [
  // The "any" icon keeps its rounded corners transparent; the maskable and Apple ones are full bleed.
  { svg: "icon.svg", png: "icon-192.png", size: 192 },
  { svg: "icon.svg", png: "icon-512.png", size: 512 },
  { svg: "icon-maskable.svg", png: "icon-maskable-512.png", size: 512 },
  { svg: "icon-maskable.svg", png: "apple-touch-icon.png", size: 180 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const { svg, png, size } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(new URL(svg, DIR), "utf8");
    const src = `data:image/svg+xml;base64,${Buffer.from(markup).toString("base64")}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator("img").evaluate((img) => img.decode());
    await page.screenshot({ path: new URL(png, DIR).pathname, omitBackground: true });
    await page.close();
    process.stdout.write(`${png} (${size}×${size})\n`);
  }
} finally {
  await browser.close();
}
