/**
 * A real OpenID provider for the tests of municipal login (issue 15 point 1): the certified
 * `oidc-provider` package started in-process on a free port, with its own development login form
 * (any username; the password is not checked), consent skipped, and the accounts' claims given by
 * the test. `tamper` rewrites the next ID token the token endpoint answers (re-signed with the
 * provider's own key, or with a stranger's), so a test can hand Broen a token with a wrong issuer,
 * audience, nonce or signature, or an expired one — and see openid-client refuse it.
 */
import { createSign, generateKeyPairSync, type JsonWebKey } from "node:crypto";
import type { Server } from "node:http";
import { type KoaContext, Provider } from "oidc-provider";
import { freePort } from "./ports.js";

export interface TestAccount {
  sub: string;
  claims: Record<string, unknown>;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, Record<string, unknown>>;
  /** Rewrites the claims of the next ID token; `foreignKey` signs it with a key not in the JWKS. */
  tamper(change: (claims: Record<string, unknown>) => void, opts?: { foreignKey?: boolean }): void;
  /**
   * Walks a browser's way through the provider from Broen's redirect (the login form, consent) and
   * answers the URL the provider sends the browser back to (Broen's callback with code and state).
   */
  authenticate(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

function keyPair(kid: string) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as JsonWebKey;
  return { privateKey, jwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

function resign(
  token: string,
  change: (c: Record<string, unknown>) => void,
  key: ReturnType<typeof keyPair>,
) {
  const [h, p] = token.split(".");
  const header = JSON.parse(Buffer.from(h!, "base64url").toString()) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
  change(claims);
  const input = `${b64url(JSON.stringify({ ...header, kid: key.jwk.kid }))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign("RSA-SHA256").update(input).sign(key.privateKey);
  return `${input}.${b64url(signature)}`;
}

export async function startTestProvider(opts: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accounts?: TestAccount[];
  port?: number;
}): Promise<TestProvider> {
  const port = opts.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const own = keyPair("test-key");
  const stranger = keyPair("test-key");
  const accounts = new Map((opts.accounts ?? []).map((a) => [a.sub, a.claims]));
  const clientId = "broen";
  const clientSecret = "broen-test-secret-0123456789abcdef";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        post_logout_redirect_uris: opts.postLogoutRedirectUris,
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [own.jwk] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    // Every claim of the granted scopes in the ID token, as Entra ID puts roles and groups there.
    conformIdTokenClaims: false,
    claims: {
      openid: ["sub"],
      profile: ["name", "given_name", "family_name", "preferred_username", "oid", "roles", "unit"],
      email: ["email"],
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...(accounts.get(sub) ?? {}) }),
    }),
    // No consent screen: the municipality's own application needs none.
    loadExistingGrant: async (ctx: KoaContext) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope("openid profile email");
      await grant.save();
      return grant;
    },
  });
  let pending: { change: (c: Record<string, unknown>) => void; foreignKey: boolean } | null = null;
  provider.use(async (ctx, next) => {
    await next();
    const idToken = ctx.body?.id_token;
    if (pending && ctx.path === "/token" && typeof idToken === "string") {
      const { change, foreignKey } = pending;
      pending = null;
      ctx.body = { ...ctx.body, id_token: resign(idToken, change, foreignKey ? stranger : own) };
    }
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, "127.0.0.1", () => resolve(s));
  });

  async function authenticate(authorizationUrl: string, login: string): Promise<URL> {
    const cookies = new Map<string, string>();
    const remember = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const at = pair!.indexOf("=");
        cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    };
    const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let url = new URL(authorizationUrl);
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 12; hop++) {
      if (!url.href.startsWith(issuer)) return url;
      const res = await fetch(url, {
        method: body ? "POST" : "GET",
        redirect: "manual",
        headers: {
          cookie: cookieHeader(),
          ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
        body,
      });
      remember(res);
      body = undefined;
      const location = res.headers.get("location");
      if (location) {
        url = new URL(location, url);
        continue;
      }
      const html = await res.text();
      // The development login form, then (when asked) its consent form: submit them as a browser would.
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action)
        throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
      url = new URL(action.replaceAll("&amp;", "&"), url);
      body = html.includes('value="login"')
        ? new URLSearchParams({ prompt: "login", login, password: "any" })
        : new URLSearchParams({ prompt: "consent" });
    }
    throw new Error("too many redirects at the provider");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamper: (change, o = {}) => {
      pending = { change, foreignKey: o.foreignKey ?? false };
    },
    authenticate,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
