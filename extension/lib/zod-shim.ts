// Parcel 2.9 (inside Plasmo) mis-bundles zod 4's ESM entry (`import * as z ...; export { z }`
// with "sideEffects": false): zod is dropped and `z.string` is undefined at run time.
// extension/package.json aliases "zod" to this file (Plasmo's resolver applies the alias to
// every import, shared/ included). It exposes the classic API shared/ uses (schemas, checks,
// coerce, errors) without the 40 locales and JSON-schema tooling the full entry drags in.
import * as checks from "../../node_modules/zod/v4/classic/checks.js"
import * as coerce from "../../node_modules/zod/v4/classic/coerce.js"
import * as errors from "../../node_modules/zod/v4/classic/errors.js"
import * as parse from "../../node_modules/zod/v4/classic/parse.js"
import * as schemas from "../../node_modules/zod/v4/classic/schemas.js"

export const z = { ...checks, ...errors, ...parse, ...schemas, coerce } as unknown as typeof import("zod").z
export default z
