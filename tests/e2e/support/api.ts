/** Talking to the real Worker in e2e tests as trust IT and the HR dashboard would. */
import type { RunningWorker } from "./worker";

export interface TestOrg {
  id: string;
  submit: string;
  read: string;
}

export async function createOrg(worker: RunningWorker, name: string, odsCode: string): Promise<TestOrg> {
  const res = await worker.admin("/v1/admin/orgs", { name, odsCode });
  if (res.status !== 201) throw new Error(`creating org failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { org: { id: string }; tokens: { submit: string; read: string } };
  return { id: body.org.id, submit: body.tokens.submit, read: body.tokens.read };
}

export async function apiGet<T = any>(worker: RunningWorker, path: string, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${worker.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}
