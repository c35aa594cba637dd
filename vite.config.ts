/**
 * The web app: index.html at the repository root, sources in src/web, built into dist/web
 * (served by the Fastify server with an SPA fallback). `npm run dev:web` proxies the API to a
 * server on port 3000 (`npm run dev:server`).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const API = process.env.BROEN_API ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: ".",
  publicDir: false,
  resolve: {
    // dkfds' package.json only exports its JS; its CSS, fonts and icons are reached through this alias.
    alias: { "@dkfds": fileURLToPath(new URL("./node_modules/dkfds/dist", import.meta.url)) },
  },
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    // Icons and fonts as files, not data: URLs inside the CSS: each is fetched only when used.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries every page needs in one long-cached chunk; zod stays with the forms that validate.
          // recharts and what only it uses load with the report pages that draw a chart, not with the shell.
          groups: [
            {
              name: "vendor",
              test: /[\\/]node_modules[\\/](?!(zod|recharts|victory-vendor|d3-[^\\/]+|internmap|@reduxjs|redux|redux-thunk|react-redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant)[\\/])/,
            },
          ],
        },
      },
      onwarn(warning, warn) {
        // React libraries mark modules "use client" for server components; meaningless in a browser bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": API, "/health": API, "/ready": API },
  },
  preview: { port: 4173 },
});
