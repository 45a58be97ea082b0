import { z } from "zod";
import { AFC_BAND_IDS, BAND_IDS, MEDICAL_GRADE_IDS, STAFF_GROUPS } from "./bandsCore";

// Zod schemas for the ids below; the ids and the logic live in ./bandsCore (no zod).
export * from "./bandsCore";

export const AfcBandSchema = z.enum(AFC_BAND_IDS);
export type AfcBand = z.infer<typeof AfcBandSchema>;
export const MedicalGradeSchema = z.enum(MEDICAL_GRADE_IDS);
export type MedicalGrade = z.infer<typeof MedicalGradeSchema>;
export const BandSchema = z.enum(BAND_IDS);
export type Band = z.infer<typeof BandSchema>;
export const StaffGroupSchema = z.enum(STAFF_GROUPS);
export type StaffGroup = z.infer<typeof StaffGroupSchema>;
