/**
 * NHS.UK frontend look for overlays (https://service-manual.nhs.uk/design-system/styles):
 * colours, Frutiger with Arial fallback, the 16/19/24 px type scale, the yellow focus state.
 * Lives inside each overlay's shadow root, so host CSS cannot restyle it and it cannot leak out.
 */
export const NHS_COLOURS = {
  blue: "#005eb8",
  darkBlue: "#003087",
  text: "#212b32",
  secondaryText: "#4c6272",
  grey4: "#d8dde0",
  grey5: "#f0f4f5",
  white: "#ffffff",
  red: "#d5281b",
  green: "#007f3b",
  yellow: "#ffeb3b",
  warmYellow: "#ffb81c",
  focusText: "#212b32",
} as const;

const c = NHS_COLOURS;

export const NHS_OVERLAY_CSS = `
:host { all: initial; display: block; font-family: "Frutiger W01", Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: ${c.text}; text-align: left; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
.fs-panel { background: ${c.white}; border: 1px solid ${c.grey4}; border-top: 4px solid ${c.blue}; padding: 16px; margin: 16px 0; max-width: 960px; }
.fs-panel--compact { padding: 8px 12px; margin: 8px 0; }
.fs-dock-panel { background: ${c.white}; border: 1px solid ${c.grey4}; border-left: 4px solid ${c.blue}; padding: 8px 12px; box-shadow: 0 2px 6px rgba(33,43,50,.25); max-width: 360px; }
h2 { font-size: 24px; font-weight: 700; line-height: 1.33; margin: 0 0 12px; }
h3, .fs-h3 { font-size: 19px; font-weight: 700; line-height: 1.42; margin: 16px 0 8px; }
p { margin: 0 0 12px; }
.fs-small, .fs-hint { font-size: 16px; color: ${c.secondaryText}; }
.fs-caption { font-size: 16px; color: ${c.secondaryText}; display: block; }
.fs-tag { display: inline-block; border: 1px solid ${c.blue}; color: ${c.blue}; background: #e8edee; font-weight: 700; font-size: 14px; line-height: 1; padding: 4px 8px; }
.fs-tag--green { border-color: ${c.green}; color: #00401e; background: #e6f2eb; }
.fs-tag--grey { border-color: ${c.secondaryText}; color: ${c.secondaryText}; background: ${c.grey5}; }
.fs-button { font: inherit; font-weight: 600; font-size: 16px; line-height: 1.25; color: ${c.white}; background: ${c.green}; border: 2px solid transparent; border-radius: 4px; box-shadow: 0 4px 0 #00401e; padding: 8px 12px; margin: 0 8px 8px 0; cursor: pointer; }
.fs-button--secondary { background: ${c.secondaryText}; box-shadow: 0 4px 0 #263139; }
.fs-link { font: inherit; color: ${c.blue}; background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; }
.fs-button:focus-visible, .fs-link:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, a:focus-visible, [tabindex]:focus-visible {
  outline: 4px solid transparent; background-color: ${c.yellow}; color: ${c.focusText}; box-shadow: 0 -2px ${c.yellow}, 0 4px ${c.focusText}; text-decoration: none; }
input:focus-visible, select:focus-visible, textarea:focus-visible { background-color: ${c.white}; box-shadow: inset 0 0 0 2px; outline: 4px solid ${c.yellow}; outline-offset: 0; }
fieldset { border: 0; margin: 0 0 16px; padding: 0; min-width: 0; }
legend { font-weight: 700; font-size: 19px; margin-bottom: 8px; padding: 0; }
label { display: block; }
.fs-radios { display: flex; flex-wrap: wrap; gap: 4px 8px; }
.fs-radio { display: flex; align-items: flex-start; gap: 6px; border: 1px solid ${c.grey4}; padding: 4px 8px; background: ${c.white}; max-width: 220px; cursor: pointer; }
.fs-radio input { width: 20px; height: 20px; margin: 2px 0 0; flex: none; accent-color: ${c.blue}; }
.fs-radio:has(input:checked) { border-color: ${c.blue}; background: #e8f1fa; }
.fs-radio-level { font-weight: 700; }
textarea, input[type=text], input[type=search], select { font: inherit; color: ${c.text}; border: 2px solid ${c.text}; border-radius: 0; padding: 4px; width: 100%; background: ${c.white}; }
textarea { min-height: 64px; resize: vertical; }
.fs-criterion { border-top: 1px solid ${c.grey4}; padding: 12px 0; }
.fs-error { color: ${c.red}; font-weight: 700; margin: 4px 0; }
.fs-warning { border-left: 8px solid ${c.warmYellow}; background: #fff9e6; padding: 12px 16px; margin: 8px 0; }
.fs-warning--error { border-left-color: ${c.red}; background: #fbeceb; }
.fs-info { border-left: 8px solid ${c.blue}; background: #e8f1fa; padding: 12px 16px; margin: 8px 0; }
.fs-lint { font-size: 16px; margin: 4px 0 0; padding-left: 20px; }
.fs-lint li { margin: 2px 0; }
.fs-progress { font-weight: 700; }
.fs-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important; }
table { border-collapse: collapse; width: 100%; font-size: 16px; margin: 0 0 16px; }
th, td { text-align: left; border-bottom: 1px solid ${c.grey4}; padding: 6px 8px 6px 0; vertical-align: top; }
th { font-weight: 700; }
.fs-bar { display: inline-block; height: 14px; background: ${c.blue}; vertical-align: middle; }
.fs-row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.fs-error-message { color: ${c.red}; font-weight: 700; margin: 4px 0; }
.fs-form-group--error { border-left: 4px solid ${c.red}; padding-left: 12px; }
.fs-form-group--error textarea[aria-invalid=true] { border-color: ${c.red}; }
.fs-error-summary { border: 4px solid ${c.red}; padding: 16px; margin: 0 0 16px; background: ${c.white}; }
.fs-error-summary:focus { outline: 4px solid ${c.yellow}; outline-offset: 0; }
.fs-error-summary__title { font-size: 24px; margin: 0 0 8px; }
.fs-error-summary__list { margin: 0; padding-left: 0; list-style: none; }
.fs-error-summary__list a { color: ${c.red}; font-weight: 700; }
.fs-skip-link { position: absolute; left: -9999px; }
.fs-skip-link:focus { position: static; display: inline-block; margin: 0 0 8px; padding: 4px 8px; background: ${c.yellow}; color: ${c.text}; }
.fs-guide { margin: 0 0 8px; }
.fs-guide summary { color: ${c.blue}; cursor: pointer; }
.fs-guide dl { margin: 4px 0 0; display: grid; grid-template-columns: minmax(8em, max-content) 1fr; gap: 2px 12px; }
.fs-guide dt { font-weight: 700; }
.fs-guide dd { margin: 0; }
.fs-step { border-top: 1px solid ${c.grey4}; margin-top: 12px; padding-top: 8px; }
.fs-step h3:focus { outline: 4px solid ${c.yellow}; }
.fs-legend-s { font-size: 16px; }
.fs-radio-item { max-width: 420px; }
.fs-radio-item .fs-radio { max-width: none; }
.fs-radio-item .fs-hint { margin: 2px 0 0 34px; }
.fs-scroll { overflow-x: auto; max-height: 420px; }
.fs-grid th, .fs-grid td { padding: 2px 8px 2px 0; }
.fs-button:disabled, .fs-button[aria-disabled=true] { opacity: .5; cursor: not-allowed; box-shadow: none; }
.fs-inset { border-left: 8px solid ${c.grey4}; padding: 8px 16px; margin: 16px 0; }
.fs-warning-callout { border: 1px solid ${c.warmYellow}; background: #fff9c4; padding: 0 16px 16px; margin: 16px 0; }
.fs-warning-callout__label { display: inline-block; background: ${c.warmYellow}; color: ${c.text}; font-weight: 700; padding: 4px 16px; margin: 0 0 8px -16px; }
@media print { .fs-no-print { display: none !important; } }
`;
