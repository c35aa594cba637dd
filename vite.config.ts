/**
 * The web app: index.html at the repository root, sources in src/web, built into dist/web
 * (served by the Fastify server with an SPA fallback). `npm run dev:web` proxies the API to a
 * server on port 3000 (`npm run dev:server`).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const API = process.env.BROEN_API ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: ".",
  // Copied as they are to dist/web: the app icons the web app manifest names (public/icons).
  publicDir: "public",
  resolve: {
    // dkfds' package.json only exports its JS; its CSS, fonts and icons are reached through this alias.
    alias: { "@dkfds": fileURLToPath(new URL("./node_modules/dkfds/dist", import.meta.url)) },
  },
  oxc: { jsx: { runtime: "automatic" } },
  plugins: [
    // The installable app shell (issue 17 point 1, decision 0107): a web app manifest and a
    // service worker that precaches the shell, so Broen starts without a network. Personal data
    // is never cached here: /api, /fhir and /scim answers go to the network only.
    VitePWA({
      strategies: "generateSW",
      // autoUpdate: a new worker takes over at once (skipWaiting, clientsClaim), so an installed
      // app that stays open for days still updates; the page is not reloaded (src/web/offline/service-worker.ts).
      registerType: "autoUpdate",
      injectRegister: false,
      manifest: {
        id: "/",
        name: "Broen – fællesskabsklippekort",
        short_name: "Broen",
        description:
          "Broen – kommunens sagsbehandling af fællesskabsklippekortet: borgere, klip, screeninger og dagens besøg.",
        lang: "da",
        dir: "ltr",
        start_url: "/",
        scope: "/",
        display: "standalone",
        // The header's blue (index.html theme-color, the favicon) and the page's white.
        theme_color: "#004993",
        background_color: "#ffffff",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          {
            src: "/icons/icon-maskable-512.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
          { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        ],
      },
      workbox: {
        // The shell: index.html, the chunks, styles, the icons (the manifest's are added by the
        // plugin) and of the fonts only the Latin-1 subsets the app's CSS uses (styles/fonts.css).
        // Not the .br/.gz copies, nor the charts chunk (only the report pages draw charts, and those
        // need the network anyway): the /assets/ route below keeps any such file once fetched.
        globPatterns: ["index.html", "assets/*.{js,css,svg}", "assets/*-Latin1-*.woff2"],
        globIgnores: ["**/*.br", "**/*.gz", "assets/charts-*.js"],
        cleanupOutdatedCaches: true,
        navigateFallback: "/index.html",
        // What the server answers itself (src/server/app.ts, registerNotFound): the APIs, the
        // probes and any path with a file extension never get the SPA.
        navigateFallbackDenylist: [
          /^\/api(\/|$)/,
          /^\/fhir(\/|$)/,
          /^\/scim(\/|$)/,
          /^\/health$/,
          /^\/ready$/,
          /\.[a-z0-9]+$/i,
        ],
        runtimeCaching: [
          {
            // Vite's hashed files never change under their name: any one fetched online (a font
            // format, the charts chunk) is kept for offline. Nothing else is cached at run time.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/assets/"),
            handler: "CacheFirst",
            options: {
              cacheName: "broen-assets",
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 200, purgeOnQuotaError: true },
            },
          },
        ],
      },
    }),
  ],
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
