import type { TokenScope } from "@fair-shortlist/shared/schemas/api";
import { toOrg, type NewToken, type OrgRecord, type OrgRow } from "./orgs";

export interface AuthenticatedToken {
  tokenId: string;
  scope: TokenScope;
  hash: string;
  org: OrgRecord;
}

interface TokenRow {
  id: string;
  org_seq: number;
  scope: TokenScope;
  hash: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

type ActiveTokenRow = OrgRow & { token_id: string; scope: TokenScope; hash: string };

/** The live (unrevoked) token with this hash and its organisation: one row or none. */
export function activeTokenStatement(db: D1Database, hash: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT t.id AS token_id, t.scope, t.hash, o.seq, o.id, o.name, o.ods_code, o.created_at, o.publication_threshold
       FROM tokens t JOIN orgs o ON o.seq = t.org_seq
       WHERE t.hash = ? AND t.revoked_at IS NULL`,
    )
    .bind(hash);
}

export function toAuthenticated(row: ActiveTokenRow | null | undefined): AuthenticatedToken | null {
  return row ? { tokenId: row.token_id, scope: row.scope, hash: row.hash, org: toOrg(row) } : null;
}

export async function findActiveToken(db: D1Database, hash: string): Promise<AuthenticatedToken | null> {
  return toAuthenticated(await activeTokenStatement(db, hash).first<ActiveTokenRow>());
}

/** Rows of a batch result from activeTokenStatement. */
export function authenticatedFrom(result: D1Result): AuthenticatedToken | null {
  return toAuthenticated((result.results as ActiveTokenRow[])[0]);
}

/**
 * "The organisation of the live token with this hash and one of these scopes", as SQL for
 * `org_seq = …`. Lets a route read its data in the same D1 round trip (and transaction) as the
 * token lookup: a revoked or unknown token matches no organisation, so the query reads nothing.
 */
export interface OrgOfToken {
  tokenHash: string;
  scopes: readonly TokenScope[];
}

export async function listTokens(db: D1Database, orgSeq: number) {
  const { results } = await db
    .prepare("SELECT * FROM tokens WHERE org_seq = ? ORDER BY created_at, id")
    .bind(orgSeq)
    .all<TokenRow>();
  return results.map((r) => ({ id: r.id, scope: r.scope, prefix: r.prefix, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

const REVOKE_SQL = `UPDATE tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE org_seq = ? AND scope = ? AND revoked_at IS NULL`;

/** Revokes every live token of the scope and adds the new one, atomically. Returns how many were revoked. */
export async function rotateToken(db: D1Database, orgSeq: number, token: NewToken): Promise<number> {
  const [revoked] = await db.batch([
    db.prepare(REVOKE_SQL).bind(orgSeq, token.scope),
    db
      .prepare("INSERT INTO tokens (id, org_seq, scope, hash, prefix) VALUES (?, ?, ?, ?, ?)")
      .bind(token.id, orgSeq, token.scope, token.hash, token.prefix),
  ]);
  return revoked!.meta.changes ?? 0;
}

export async function revokeTokens(db: D1Database, orgSeq: number, scope: TokenScope): Promise<number> {
  const result = await db.prepare(REVOKE_SQL).bind(orgSeq, scope).run();
  return result.meta.changes ?? 0;
}
