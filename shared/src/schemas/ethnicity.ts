// Zod schemas for the ethnicity ids of ../ethnicity, checked against its types.
import * as z from "zod";
import { ETHNIC_CATEGORY_CODES, ETHNIC_GROUPS, type EthnicCategoryCode, type EthnicGroup } from "../ethnicity";

export const EthnicGroupSchema = z.enum(ETHNIC_GROUPS) satisfies z.ZodType<EthnicGroup>;
export const EthnicCategoryCodeSchema = z.enum(ETHNIC_CATEGORY_CODES) satisfies z.ZodType<EthnicCategoryCode>;
