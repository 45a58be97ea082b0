// Zod schema for financial-year labels (../periods holds the arithmetic).
import * as z from "zod";
import { FINANCIAL_YEAR_PATTERN, isFinancialYear, type FinancialYear } from "../periods";

/** Strict schema for a financial year label: "YYYY/YY" where YY is the following year. */
export const FinancialYearSchema = z
  .string()
  .regex(FINANCIAL_YEAR_PATTERN, { error: 'Financial year must look like "2024/25"' })
  .refine(
    isFinancialYear,
    { error: 'The second year must follow the first, e.g. "2024/25" (not "2024/26")' },
  ) satisfies z.ZodType<FinancialYear>;
