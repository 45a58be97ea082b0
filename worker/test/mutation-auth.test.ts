import { describe, expect, it } from "vitest";
import { adminToken, call, createOrg } from "./helpers";

/**
 * What a client without a bearer header is told: that the header is missing and how to send it,
 * not that its token is unknown (a client that forgot the header must not go hunting for a
 * revoked token). On each kind of route: checked up front, checked with the route's query, admin.
 */
describe("a request without a bearer token is told so", () => {
  it("organisation routes (checked up front and checked in the query's batch) and the admin API", async () => {
    const org = await createOrg("Header Missing Trust");
    for (const path of ["/v1/org", "/v1/indicators/wres2", "/v1/export/wres2.csv"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(401);
      expect(res.json.error.message, path).toBe("Missing bearer token: send Authorization: Bearer <token>");
      // A token that is not one (wrong shape) is unknown, not missing.
      const wrong = await call("GET", path, { token: "not-a-token" });
      expect([wrong.status, wrong.json.error.message], path).toEqual([401, "Unknown or revoked token"]);
    }
    const admin = await call("GET", "/v1/admin/orgs");
    expect(admin.status).toBe(401);
    expect(admin.json.error.message).toBe("Missing bearer token: send Authorization: Bearer <admin token>");
    const wrongAdmin = await call("GET", "/v1/admin/orgs", { token: "not-the-admin-token" });
    expect([wrongAdmin.status, wrongAdmin.json.error.message]).toEqual([401, "Invalid admin token"]);
    // The real tokens still work, so the messages above are about the header, not the routes.
    expect((await call("GET", "/v1/org", { token: org.read })).status).toBe(200);
    expect((await call("GET", "/v1/admin/orgs", { token: adminToken() })).status).toBe(200);
  });
});
