// The shared domain core: pure TypeScript + zod, used by the extension and the Worker.
// Prefer importing a module by name (`@fair-shortlist/shared/wres2`); this barrel is for convenience.
export * from "./ethnicity";
export * from "./bands";
export * from "./periods";
export * from "./wres2";
export * from "./pooled";
export * from "./suppression";
export * from "./panelPolicy";
export * from "./scoring";
export * from "./noteLint";
export * from "./schemas/api";
export * from "./vacancyKey";
export * from "./csv";
export * from "./outcomeCounts";
