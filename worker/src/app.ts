import type { Env } from "./env";
import type { AuthenticatedToken } from "./db/tokens";

/** Hono generics shared by every sub-app: bindings, and the token the auth middleware found. */
export interface AppEnv {
  Bindings: Env;
  Variables: { auth: AuthenticatedToken };
}
