/**
 * The few parts of `oidc-provider` (no bundled types; no @types package is installed) that
 * test/support/oidc-provider.ts uses.
 */
declare module "oidc-provider" {
  import type { Server } from "node:http";

  export interface KoaContext {
    path: string;
    body: Record<string, unknown> | undefined;
    oidc: {
      client: { clientId: string };
      session: { accountId: string };
      provider: { Grant: new (init: { clientId: string; accountId: string }) => ProviderGrant };
    };
  }
  export interface ProviderGrant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }
  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    listen(port: number, host: string, callback: () => void): Server;
  }
}
