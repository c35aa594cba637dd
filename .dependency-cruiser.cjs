/**
 * Broen's layers and module front doors, checked by dependency-cruiser (`npm run depcheck`,
 * part of `npm run lint` and of `npm test`). docs/ARCHITECTURE.md describes the layers:
 *
 *   domain    pure rules: imports nothing of ours but domain
 *   shared    API schemas, vocabularies, words: shared and domain
 *   server/db the database: db, shared, domain
 *   platform  the request machinery: platform, db, shared, domain (never a module)
 *   modules   one folder per part of the citizen's course: its own folder, platform, db, shared,
 *             domain, and another module only through that module's index.ts (its front door)
 *   web       the React app: web, shared, domain (never server)
 *
 * app.ts, main.ts, seed/, bench/ and scripts/ sit on top and may import any layer, but a module
 * only through its front door too. No import cycles anywhere; type-only imports count
 * (tsPreCompilationDeps), because a type cycle is a design cycle all the same.
 */

// Test files are not production code: a test may reach a module's internals (to arrange a case or
// check one function), and a test in a lower layer may start the app or use the demo seed. They
// still may not form a cycle. test-fixtures.ts files are helpers only tests import.
const TEST = "(\\.test\\.tsx?$|(^|/)test-fixtures\\.ts$|^test/)";

const FRONT_DOOR = "^src/server/modules/[^/]+/index\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "An import cycle: the modules in it cannot be understood, tested or started one without the other.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "src/domain holds pure rules; it imports nothing of ours but src/domain.",
      from: { path: "^src/domain/" },
      to: { path: "^(src|test)/", pathNot: "^src/domain/" },
    },
    {
      name: "shared-imports-shared-and-domain",
      severity: "error",
      comment: "src/shared (API schemas, vocabularies) imports only src/shared and src/domain.",
      from: { path: "^src/shared/" },
      to: { path: "^(src|test)/", pathNot: "^src/(shared|domain)/" },
    },
    {
      name: "db-imports-db-shared-domain",
      severity: "error",
      comment: "src/server/db imports only db, shared and domain.",
      from: { path: "^src/server/db/", pathNot: TEST },
      to: { path: "^(src|test)/", pathNot: "^src/(server/db|shared|domain)/" },
    },
    {
      name: "platform-never-imports-modules",
      severity: "error",
      comment:
        "src/server/platform imports only platform, db, shared and domain: never a module, app.ts or the seed.",
      from: { path: "^src/server/platform/", pathNot: TEST },
      to: { path: "^(src|test)/", pathNot: "^src/(server/(platform|db)|shared|domain)/" },
    },
    {
      name: "module-layers",
      severity: "error",
      comment:
        "A module imports its own folder, platform, db, shared, domain and other modules' front doors; never app.ts, the seed or the web.",
      from: { path: "^src/server/modules/", pathNot: TEST },
      to: { path: "^(src|test)/", pathNot: "^src/(server/(modules|platform|db)|shared|domain)/" },
    },
    {
      name: "module-front-door",
      severity: "error",
      comment: "Another module is reached only through its index.ts (its front door), not its internals.",
      from: { path: "^src/server/modules/([^/]+)/", pathNot: TEST },
      to: { path: "^src/server/modules/", pathNot: ["^src/server/modules/$1/", FRONT_DOOR] },
    },
    {
      name: "front-door-from-outside",
      severity: "error",
      comment: "app.ts, main.ts, seed/, bench/ and scripts/ reach a module only through its index.ts.",
      from: { pathNot: ["^src/server/modules/", TEST] },
      to: { path: "^src/server/modules/", pathNot: FRONT_DOOR },
    },
    {
      name: "web-never-imports-server",
      severity: "error",
      comment: "The web app runs in the browser: it imports web, shared and domain, never src/server.",
      from: { path: "^src/web/" },
      to: { path: "^(src|test)/", pathNot: "^src/(web|shared|domain)/" },
    },
    {
      name: "production-never-imports-tests",
      severity: "error",
      comment: "Test support stays out of production code.",
      from: { path: "^(src|bench|scripts)/", pathNot: TEST },
      to: { path: TEST },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Types are dependencies too: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
