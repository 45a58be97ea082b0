/**
 * What the dashboard reads from the API, typed from the API's own zod schemas
 * (shared/src/schemas/api.ts, built on shared/src/wres2.ts's Wres2ResultSchema). Type-only
 * imports: no zod reaches the browser bundle. The page does not re-validate same-origin
 * responses at run time; the e2e tests parse the live responses with these schemas instead.
 */
import type {
  ByInterventionResponse as ApiByInterventionResponse,
  BenchmarkResponse as ApiBenchmarkResponse,
  ComplianceResponse as ApiComplianceResponse,
  OrgInfoResponse,
  OutcomeBatchResult,
  PublicationResponse as ApiPublicationResponse,
  Wres2Response as ApiWres2Response,
  Wdes2Response as ApiWdes2Response,
  WdesPublicationResponse as ApiWdesPublicationResponse,
} from "@fair-shortlist/shared/schemas/api";
import type { ConfidenceInterval } from "@fair-shortlist/shared/wres2";

export type Wres2Response = ApiWres2Response;
type ApiFigures = ApiWres2Response["overall"];
/**
 * `overall`, or one breakdown item (which adds key and label). `suppressionCode` is optional here so
 * the page still reads a response from a Worker older than the code (it then words any withheld
 * figure as a small count).
 */
export type Wres2Figures = Omit<ApiFigures, "suppressionCode"> & {
  suppressionCode?: ApiFigures["suppressionCode"];
  key?: string;
  label?: string;
};
export type SuppressionCode = NonNullable<ApiFigures["suppressionCode"]>;
export type Interval = ConfidenceInterval;
export type OrgResponse = OrgInfoResponse;
export type BenchmarkResponse = ApiBenchmarkResponse;
export type ComplianceResponse = ApiComplianceResponse;
export type BatchResult = OutcomeBatchResult;

/** GET /v1/indicators/wres2/by-intervention. */
export type ByInterventionResponse = ApiByInterventionResponse;
export type PublicationResponse = ApiPublicationResponse;

/** GET /v1/indicators/wdes2. */
export type Wdes2Response = ApiWdes2Response;
/** `overall`, or one breakdown item (which adds key and label). */
export type Wdes2Figures = ApiWdes2Response["overall"] & { key?: string; label?: string };
export type GuaranteedInterview = ApiWdes2Response["guaranteedInterview"];
/** GET /v1/report/wdes2: WDES metric 2's publication tables. */
export type WdesPublicationResponse = ApiWdesPublicationResponse;
