// The shared domain core, used by the extension and the Worker. Pure modules (one per concept)
// hold logic and types; ./schemas holds the zod schemas for untrusted input, typed against them.
// Prefer importing a module by name (`@fair-shortlist/shared/wres2`); this barrel is for convenience.
export * from "./ethnicity";
export * from "./bands";
export * from "./periods";
export * from "./wres2";
export * from "./wdes2";
export * from "./guaranteedInterview";
export * from "./pooled";
export * from "./suppression";
export * from "./panelPolicy";
export * from "./scoring";
export * from "./siteProfile";
export * from "./matchPattern";
export * from "./noteLint";
export * from "./vacancyKey";
export * from "./csv";
export * from "./outcomeCounts";
export * from "./schemas/bands";
export * from "./schemas/ethnicity";
export * from "./schemas/panelPolicy";
export * from "./schemas/scoring";
export * from "./schemas/siteProfile";
export * from "./schemas/wres2";
export * from "./schemas/wdes2";
export * from "./schemas/pooled";
export * from "./schemas/suppression";
export * from "./schemas/periods";
export * from "./schemas/api";
