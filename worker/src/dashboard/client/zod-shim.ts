/**
 * Stands in for zod inside the dashboard's browser bundle only (worker/scripts/build-dashboard.mjs
 * aliases "zod" to this file). The shared modules the client reuses (ethnicity, bands, wres2
 * wording) build zod schemas at module load but the client never validates with them: the
 * Worker does. Real zod would add ~450 KB to a ~40 KB page script. Any schema built here is an
 * inert chain; calling parse on one throws, so a misuse fails loudly in the e2e tests.
 */
type Inert = ((...args: unknown[]) => Inert) & { [key: string]: Inert };

const refuse = () => {
  throw new Error("zod is not bundled into the dashboard client: validation happens in the Worker");
};

const inert: Inert = new Proxy(function () {} as unknown as Inert, {
  get(_target, prop) {
    if (prop === "parse" || prop === "safeParse" || prop === "parseAsync" || prop === "safeParseAsync") return refuse;
    if (prop === Symbol.toPrimitive || prop === "then") return undefined;
    return inert; // callable too: z.enum(...), z.coerce.number(), schema.refine(...)
  },
  apply() {
    return inert;
  },
});

export const z = inert;
export default inert;
