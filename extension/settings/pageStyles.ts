/**
 * NHS.UK look for the extension's own pages (popup, options): Frutiger/Arial, NHS blue
 * #005eb8, text #212b32, focus yellow #ffeb3b, error red #d5281b, success green #007f3b.
 * Colours and focus style follow the NHS.UK frontend library.
 */
export const PAGE_CSS = `
:root { color-scheme: light; }
body { margin: 0; font-family: Frutiger W01, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #212b32; background: #f0f4f5; }
h1 { font-size: 24px; line-height: 1.25; margin: 0 0 16px; }
h2 { font-size: 20px; line-height: 1.3; margin: 24px 0 8px; }
h3 { font-size: 18px; margin: 16px 0 4px; }
p { margin: 0 0 12px; }
a { color: #005eb8; }
a:focus, button:focus, input:focus, textarea:focus, select:focus, summary:focus { outline: 4px solid #ffeb3b; outline-offset: 0; box-shadow: 0 4px 0 #212b32; }
.fs-card { background: #fff; border: 1px solid #d8dde0; padding: 16px; margin-bottom: 16px; }
.fs-label { display: block; font-weight: 600; margin: 12px 0 4px; }
.fs-hint { color: #4c6272; font-size: 14px; margin: 0 0 4px; }
.fs-input, .fs-textarea { box-sizing: border-box; width: 100%; border: 2px solid #4c6272; padding: 4px 8px; font: inherit; background: #fff; color: #212b32; }
.fs-textarea { min-height: 200px; font-family: ui-monospace, Consolas, monospace; font-size: 14px; }
.fs-input[readonly] { background: #f0f4f5; border-color: #aeb7bd; }
.fs-input-error { border-color: #d5281b; }
.fs-error { color: #d5281b; font-weight: 600; margin: 4px 0; }
.fs-error-box { border: 4px solid #d5281b; background: #fff; padding: 12px; margin: 12px 0; }
.fs-success { border-left: 8px solid #007f3b; background: #fff; padding: 8px 12px; margin: 12px 0; }
.fs-warning { border-left: 8px solid #ffb81c; background: #fff9e6; padding: 8px 12px; margin: 12px 0; }
.fs-managed { display: inline-block; background: #005eb8; color: #fff; font-size: 14px; padding: 0 8px; margin-left: 8px; border-radius: 2px; }
.fs-button { background: #007f3b; color: #fff; border: 0; box-shadow: 0 4px 0 #00401e; padding: 8px 16px; font: inherit; font-weight: 600; cursor: pointer; margin: 8px 8px 8px 0; }
.fs-button:hover { background: #00662f; }
.fs-button[disabled] { opacity: .5; cursor: not-allowed; }
.fs-button-secondary { background: #4c6272; box-shadow: 0 4px 0 #263139; }
.fs-summary { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; }
.fs-summary dt { font-weight: 600; }
.fs-summary dd { margin: 0; }
.fs-radio { display: block; margin: 8px 0; }
.fs-radio input { margin-right: 8px; }
code, pre { font-family: ui-monospace, Consolas, monospace; font-size: 14px; }
pre { background: #f0f4f5; padding: 8px; overflow: auto; white-space: pre-wrap; }
`;
