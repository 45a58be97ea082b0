// Zod schemas for the band and staff-group ids of ../bands, checked against its types.
import * as z from "zod";
import { AFC_BAND_IDS, BAND_IDS, MEDICAL_GRADE_IDS, STAFF_GROUPS, type AfcBand, type Band, type MedicalGrade, type StaffGroup } from "../bands";

export const AfcBandSchema = z.enum(AFC_BAND_IDS) satisfies z.ZodType<AfcBand>;
export const MedicalGradeSchema = z.enum(MEDICAL_GRADE_IDS) satisfies z.ZodType<MedicalGrade>;
export const BandSchema = z.enum(BAND_IDS) satisfies z.ZodType<Band>;
export const StaffGroupSchema = z.enum(STAFF_GROUPS) satisfies z.ZodType<StaffGroup>;
