/**
 * The web app's words are complete: Danish and English hold the same keys in every namespace, and
 * every key the code names exists.
 *
 * Keys the code names are found statically in src/web (TypeScript's parser, no type checking):
 *  - `t("key")` / `t('key')` / t(`key`) where `t` is bound from `useTranslation(ns)` in an enclosing
 *    function (also renamed: `const { t: tc } = useTranslation()`), from the catalog's `useWords()`
 *    (`const { t } = useWords()`, `w.t("key")`), or `i18n.t("key")` (the default namespace);
 *  - a `ns:key` prefix overrides the namespace; both branches of `cond ? "a" : "b"` are checked;
 *  - `i18nKey="key"` on <Trans> (namespace from its `ns` attribute, else the default);
 *  - a key with plural forms counts when `key_one`/`key_other` (etc.) exist.
 * Skipped, because they are built at run time and cannot be checked statically:
 *  - template strings with substitutions, e.g. t(`stage.${stage}`) — but their static head up to
 *    the last "." must exist as a group (`stage`), so a renamed group is still caught;
 *  - keys in variables or built by concatenation (t(key), t(prefix + ".x"), t(`${group}.${code}`));
 *  - the namespace of a `t` that arrives as a parameter (TFunction): it is the caller's, so such a
 *    key is checked in its `ns:` prefix's namespace, and without one only to exist in some namespace.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { type Namespace, resources } from "./resources";

const ROOT = join(import.meta.dirname, "../../..");
const WEB = join(ROOT, "src/web");
const DEFAULT_NS: Namespace = "translation";
const NAMESPACES = Object.keys(resources.da) as Namespace[];
const PLURAL_SUFFIXES = ["zero", "one", "two", "few", "many", "other"];

type Tree = { [key: string]: unknown };

/** Every leaf key of a nested JSON object as a dotted path. */
function leafKeys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === "object" ? leafKeys(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function lookup(tree: Tree, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Tree)[part];
  }
  return node;
}

function keyExists(ns: Namespace, key: string): boolean {
  const tree = resources.da[ns] as Tree;
  if (lookup(tree, key) !== undefined) return true;
  return PLURAL_SUFFIXES.some((s) => typeof lookup(tree, `${key}_${s}`) === "string");
}

/** The da/en pairs of JSON files: `<ns>.da.json` + `<ns>.en.json`, `da.json` + `en.json`, `words.da.json` + … */
function languagePairs(): { name: string; da: string; en: string }[] {
  const dirs = [join(WEB, "i18n"), join(ROOT, "src/shared/i18n")];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f === "da.json" || f.endsWith(".da.json"))
      .map((f) => ({
        name: relative(ROOT, join(dir, f)),
        da: join(dir, f),
        en: join(dir, f.replace(/da\.json$/, "en.json")),
      })),
  );
}

describe("da and en hold the same keys", () => {
  const pairs = languagePairs();
  it("finds the namespaces", () => {
    expect(pairs.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "src/web/i18n/da.json",
        "src/web/i18n/courses.da.json",
        "src/shared/i18n/words.da.json",
      ]),
    );
  });
  for (const pair of pairs) {
    it(pair.name, () => {
      const da = new Set(leafKeys(JSON.parse(readFileSync(pair.da, "utf8")) as Tree));
      const en = new Set(leafKeys(JSON.parse(readFileSync(pair.en, "utf8")) as Tree));
      expect({
        onlyInDanish: [...da].filter((k) => !en.has(k)),
        onlyInEnglish: [...en].filter((k) => !da.has(k)),
      }).toEqual({ onlyInDanish: [], onlyInEnglish: [] });
    });
  }
});

// ---- finding the keys the code uses ----

interface KeyUse {
  file: string;
  line: number;
  /** null: a `t` passed in as a parameter, without a `ns:` prefix — the key must exist in some namespace. */
  ns: Namespace | null;
  key: string;
  /** A template string's static group (`stage` of `stage.${s}`): must exist as a group. */
  group?: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

const isNamespace = (s: string): s is Namespace => (NAMESPACES as string[]).includes(s);

/**
 * What a name declared in a scope is: a translation function of a namespace, one passed in as a
 * parameter (its namespace is the caller's), the catalog's words object, or something else.
 */
type Binding = { kind: "t"; ns: Namespace } | { kind: "t-parameter" } | { kind: "words" } | { kind: "other" };

function hookNamespace(call: ts.Expression): Binding | null {
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return null;
  if (call.expression.text === "useWords") return { kind: "words" };
  if (call.expression.text !== "useTranslation") return null;
  const arg = call.arguments[0];
  if (!arg) return { kind: "t", ns: DEFAULT_NS };
  if (ts.isStringLiteralLike(arg) && isNamespace(arg.text)) return { kind: "t", ns: arg.text };
  throw new Error(`useTranslation with an unknown namespace: ${arg.getText()}`);
}

/** The names a scope (function body or file) declares itself, not those of nested functions. */
function declarations(scope: ts.Node): Map<string, Binding> {
  const found = new Map<string, Binding>();
  if (ts.isFunctionLike(scope)) {
    for (const p of scope.parameters) {
      if (!ts.isIdentifier(p.name)) continue;
      const type = p.type?.getText() ?? "";
      if (type === "Words") found.set(p.name.text, { kind: "words" });
      else if (p.name.text === "t" || type.startsWith("TFunction"))
        found.set(p.name.text, { kind: "t-parameter" });
      else found.set(p.name.text, { kind: "other" });
    }
  }
  const visit = (node: ts.Node) => {
    if (node !== scope && ts.isFunctionLike(node)) return;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = node.initializer;
      let source = hookNamespace(init);
      // const { t } = w, where w = useWords()
      if (!source && ts.isIdentifier(init) && found.get(init.text)?.kind === "words")
        source = { kind: "words" };
      if (ts.isIdentifier(node.name))
        found.set(node.name.text, source?.kind === "words" ? source : { kind: "other" });
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const property =
            el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          if (property === "t" && source)
            found.set(el.name.text, source.kind === "words" ? { kind: "t", ns: "catalog" } : source);
          else found.set(el.name.text, { kind: "other" });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return found;
}

function keyUses(file: string): KeyUse[] {
  const text = readFileSync(file, "utf8");
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const scopes = new Map<ts.Node, Map<string, Binding>>();
  const resolve = (name: string, from: ts.Node): Binding | undefined => {
    for (let node: ts.Node | undefined = from; node; node = node.parent) {
      if (!ts.isFunctionLike(node) && !ts.isSourceFile(node)) continue;
      let declared = scopes.get(node);
      if (!declared) scopes.set(node, (declared = declarations(node)));
      const binding = declared.get(name);
      if (binding) return binding;
    }
    return undefined;
  };
  const uses: KeyUse[] = [];
  const record = (arg: ts.Expression, ns: Namespace | null) => {
    const line = sf.getLineAndCharacterOfPosition(arg.getStart()).line + 1;
    const at = { file: relative(ROOT, file), line };
    if (ts.isConditionalExpression(arg)) {
      record(arg.whenTrue, ns);
      record(arg.whenFalse, ns);
    } else if (ts.isStringLiteralLike(arg)) {
      const [prefix, rest] = arg.text.includes(":") ? arg.text.split(/:(.*)/s) : [undefined, arg.text];
      if (prefix !== undefined && isNamespace(prefix)) uses.push({ ...at, ns: prefix, key: rest! });
      else uses.push({ ...at, ns, key: arg.text });
    } else if (ts.isTemplateExpression(arg)) {
      const head = arg.head.text;
      const [prefix, rest] = head.includes(":") ? head.split(/:(.*)/s) : [undefined, head];
      const group = (rest ?? "").slice(0, Math.max(0, (rest ?? "").lastIndexOf(".")));
      if (group)
        uses.push({
          ...at,
          ns: prefix !== undefined && isNamespace(prefix) ? prefix : ns,
          key: group,
          group: true,
        });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments[0]) {
      const callee = node.expression;
      let ns: Namespace | null | undefined;
      if (ts.isIdentifier(callee)) {
        const b = resolve(callee.text, node);
        if (b?.kind === "t") ns = b.ns;
        else if (b?.kind === "t-parameter") ns = null;
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === "t" &&
        ts.isIdentifier(callee.expression)
      ) {
        if (callee.expression.text === "i18n") ns = DEFAULT_NS;
        else if (resolve(callee.expression.text, node)?.kind === "words") ns = "catalog";
      }
      if (ns !== undefined) record(node.arguments[0], ns);
    }
    if (
      ts.isJsxAttribute(node) &&
      node.name.getText() === "i18nKey" &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    ) {
      const attributes = node.parent;
      const nsAttr = attributes.properties.find((p) => ts.isJsxAttribute(p) && p.name.getText() === "ns") as
        ts.JsxAttribute | undefined;
      const ns =
        nsAttr?.initializer && ts.isStringLiteral(nsAttr.initializer) && isNamespace(nsAttr.initializer.text)
          ? nsAttr.initializer.text
          : DEFAULT_NS;
      record(node.initializer, ns);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses;
}

describe("every key the code uses exists", () => {
  const uses = sourceFiles(WEB).flatMap(keyUses);

  it("finds the keys (the scanner still sees the code)", () => {
    // Far fewer would mean the scanner lost track of how the code binds `t`.
    expect(uses.length).toBeGreaterThan(1500);
    for (const ns of NAMESPACES) expect(uses.some((u) => u.ns === ns)).toBe(true);
  });

  it("in Danish (and so in English, by the test above)", () => {
    const exists = (ns: Namespace, u: KeyUse) =>
      u.group ? lookup(resources.da[ns] as Tree, u.key) instanceof Object : keyExists(ns, u.key);
    const missing = uses
      .filter((u) => (u.ns === null ? !NAMESPACES.some((ns) => exists(ns, u)) : !exists(u.ns, u)))
      .map((u) => `${u.file}:${u.line}  ${u.ns ?? "(any namespace)"}:${u.key}${u.group ? ".*" : ""}`);
    expect(missing).toEqual([]);
  });
});
