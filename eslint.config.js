// ESLint with typescript-eslint's strict rules (typescript is pinned to 5.x: typescript-eslint needs its JS API).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      ".tmp/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "src/server/db/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-dynamic-delete": "off",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  // The web app: the rules of hooks (and the React Compiler's checks the recommended set carries) and
  // accessibility of the JSX; axe in the browser journeys checks the rendered pages on top.
  {
    files: ["src/web/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["src/web/**/*.{ts,tsx}"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A wide table scrolls inside role="region": keyboard users must be able to focus it to scroll
      // it (axe's scrollable-region-focusable, WCAG 2.1.1), so tabIndex is right on that role.
      "jsx-a11y/no-noninteractive-tabindex": [
        "error",
        { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true },
      ],
    },
  },
  // Modules declare routes only through platform/route.ts (declareRoute), which runs the role gate,
  // the transaction, the Idempotency-Key of every write and the audit check; a bare Fastify route
  // or a hand-made write wrapper would skip them.
  {
    files: ["src/server/modules/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.object.name=/^(app|api|instance|fastify)$/][callee.property.name=/^(get|head|post|put|patch|delete|route|all)$/]",
          message: "Declare the route with declareRoute() from platform/route.ts.",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/platform/idempotency.js"],
              message:
                "Writes get their Idempotency-Key from declareRoute(); do not call writeOnce() in a module.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**", "bench/**", "test/**", "**/*.test.ts"],
    rules: { "no-console": "off" },
  },
);
