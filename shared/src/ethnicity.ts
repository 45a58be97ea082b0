import { z } from "zod";
import { ETHNIC_CATEGORY_CODES, ETHNIC_GROUPS } from "./ethnicityCore";

// Zod schemas for the ids below; the ids and the logic live in ./ethnicityCore (no zod).
export * from "./ethnicityCore";

export const EthnicGroupSchema = z.enum(ETHNIC_GROUPS);
export type EthnicGroup = z.infer<typeof EthnicGroupSchema>;
export const EthnicCategoryCodeSchema = z.enum(ETHNIC_CATEGORY_CODES);
export type EthnicCategoryCode = z.infer<typeof EthnicCategoryCodeSchema>;
