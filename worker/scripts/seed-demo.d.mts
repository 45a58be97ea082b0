/** Seeds the demo trust and its anonymous peers through the public API; returns the banner lines `npm start` prints. */
export function seedDemo(opts: { base: string; adminToken: string; root: string }): Promise<string>;
export const DEMO_ORG: { name: string; odsCode: string };
