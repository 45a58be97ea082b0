import type { Env } from "./env";
import type { AuthenticatedToken } from "./db/tokens";
import type { TokenScope } from "@fair-shortlist/shared/schemas/api";

/** Hono generics shared by every sub-app: bindings, and the token the auth middleware found. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    auth: AuthenticatedToken;
    /** Set by deferScope(): the bearer token, checked later by authenticate() / authorisedBatch(). */
    pendingAuth?: { token: string; scopes: readonly TokenScope[] };
  };
}
