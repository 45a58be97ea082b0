import type { Org } from "@fair-shortlist/shared/schemas/api";

/** An organisation with its compact internal key (never sent to clients). */
export interface OrgRecord extends Org {
  seq: number;
  /** The threshold the organisation publishes at (5 or 8); also its own small-numbers flag. */
  publicationThreshold: number;
}

export interface OrgRow {
  seq: number;
  id: string;
  name: string;
  ods_code: string;
  created_at: string;
  publication_threshold: number;
}

export const toOrg = (row: OrgRow): OrgRecord => ({
  seq: row.seq,
  id: row.id,
  name: row.name,
  odsCode: row.ods_code,
  createdAt: row.created_at,
  publicationThreshold: row.publication_threshold,
});

/** Public shape: no internal key. */
export const publicOrg = ({ seq: _seq, publicationThreshold: _t, ...org }: OrgRecord): Org => org;

/** Sets the threshold the organisation publishes at. */
export async function setPublicationThreshold(db: D1Database, orgSeq: number, threshold: number): Promise<void> {
  await db.prepare("UPDATE orgs SET publication_threshold = ? WHERE seq = ?").bind(threshold, orgSeq).run();
}

export interface NewToken {
  id: string;
  scope: "submit" | "read" | "report";
  hash: string;
  prefix: string;
}

export class OdsCodeTaken extends Error {}

/** Creates the organisation and its first tokens in one atomic batch. */
export async function insertOrgWithTokens(
  db: D1Database,
  org: { id: string; name: string; odsCode: string },
  tokens: NewToken[],
): Promise<OrgRecord> {
  try {
    const [inserted] = await db.batch<OrgRow>([
      db.prepare("INSERT INTO orgs (id, name, ods_code) VALUES (?, ?, ?) RETURNING *").bind(org.id, org.name, org.odsCode),
      ...tokens.map((t) =>
        db
          .prepare("INSERT INTO tokens (id, org_seq, scope, hash, prefix) SELECT ?, seq, ?, ?, ? FROM orgs WHERE id = ?")
          .bind(t.id, t.scope, t.hash, t.prefix, org.id),
      ),
    ]);
    return toOrg(inserted!.results[0]!);
  } catch (e) {
    if (String(e).includes("UNIQUE constraint failed: orgs.ods_code")) throw new OdsCodeTaken(org.odsCode);
    throw e;
  }
}

export async function listOrgs(db: D1Database, odsCode?: string): Promise<OrgRecord[]> {
  const stmt = odsCode
    ? db.prepare("SELECT * FROM orgs WHERE ods_code = ? ORDER BY seq").bind(odsCode)
    : db.prepare("SELECT * FROM orgs ORDER BY seq");
  const { results } = await stmt.all<OrgRow>();
  return results.map(toOrg);
}

export async function findOrg(db: D1Database, id: string): Promise<OrgRecord | null> {
  const row = await db.prepare("SELECT * FROM orgs WHERE id = ?").bind(id).first<OrgRow>();
  return row ? toOrg(row) : null;
}
