/**
 * NHS.UK-style look without the NHS.UK frontend package: its colours (#005EB8 blue,
 * #212B32 text, #F0F4F5 background), Arial in place of Frutiger, its type scale and its
 * focus style (yellow #FFEB3B with a dark underline). Plus a print stylesheet that fits the
 * report on one A4 page.
 */
export const dashboardCss = `
:root { --blue: #005EB8; --dark-blue: #003087; --text: #212B32; --secondary: #4C6272; --bg: #F0F4F5; --border: #D8DDE0; --focus: #FFEB3B; --red: #D5281B; --green: #007F3B; }
* { box-sizing: border-box; }
html { font-family: Frutiger W01, Arial, sans-serif; font-size: 100%; color: var(--text); background: var(--bg); -webkit-text-size-adjust: 100%; }
body { margin: 0; font-size: 1rem; line-height: 1.5; }
@media (min-width: 40.0625em) { body { font-size: 1.1875rem; line-height: 1.47; } }
h1, h2, h3 { font-weight: 700; margin: 0 0 1rem; line-height: 1.2; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2rem; } h3 { font-size: 1.25rem; margin-top: 1.5rem; }
@media (min-width: 40.0625em) { h1 { font-size: 3rem; } h2 { font-size: 2rem; } h3 { font-size: 1.5rem; } }
p { margin: 0 0 1rem; }
a { color: var(--blue); }
a:visited { color: #330072; }
a:focus, button:focus, input:focus, select:focus, summary:focus, [tabindex]:focus { outline: 4px solid transparent; box-shadow: 0 -2px var(--focus), 0 4px var(--text); background-color: var(--focus); color: var(--text); }
input:focus, select:focus { box-shadow: inset 0 0 0 2px var(--text); outline: 4px solid var(--focus); outline-offset: 0; background-color: #fff; }
.width-container { max-width: 960px; margin: 0 16px; }
@media (min-width: 48.0625em) { .width-container { margin: 0 32px; } }
@media (min-width: 1024px) { .width-container { margin: 0 auto; } }
h1[tabindex="-1"]:focus { background: none; box-shadow: none; outline: none; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 8px 16px; background: var(--focus); color: var(--text); z-index: 10; }
.skip-link:focus { left: 0; }
.header { background: var(--blue); color: #fff; padding: 12px 0; }
.header__inner { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; justify-content: space-between; }
.header__title { font-weight: 700; font-size: 1.25rem; margin: 0; }
.header__sub { font-weight: 400; display: block; font-size: 1rem; }
.header__org { margin: 0; }
.main { padding: 24px 0 40px; }
.card { background: #fff; border: 1px solid var(--border); padding: 16px; margin: 0 0 24px; }
@media (min-width: 40.0625em) { .card { padding: 24px 32px; } }
.card--feature { border-top: 4px solid var(--blue); }
.card > h2:first-child { margin-top: 0; }
.headline { font-size: 1.25rem; font-weight: 700; }
@media (min-width: 40.0625em) { .headline { font-size: 1.5rem; } }
.headline--above, .headline--below { border-left: 6px solid var(--red); padding-left: 12px; }
.headline--within { border-left: 6px solid var(--green); padding-left: 12px; }
.shortfall { font-weight: 700; }
.hint { color: var(--secondary); }
.label, .legend { display: block; font-weight: 700; margin-bottom: 4px; padding: 0; }
.form-group { margin-bottom: 16px; }
.fieldset { border: 0; padding: 0; margin: 0 0 16px; min-width: 0; }
.input, .select { font: inherit; font-size: 1rem; border: 2px solid #4C6272; border-radius: 0; padding: 4px 8px; min-height: 40px; max-width: 100%; background: #fff; color: var(--text); }
.input { width: 100%; max-width: 32em; }
.controls { display: flex; flex-wrap: wrap; gap: 0 32px; align-items: flex-end; background: #fff; border: 1px solid var(--border); padding: 16px; margin-bottom: 8px; }
.radios--inline { display: flex; flex-wrap: wrap; gap: 8px 16px; }
.radio { display: flex; align-items: center; gap: 6px; }
.radio input { width: 24px; height: 24px; margin: 0; accent-color: var(--blue); }
.checkbox { display: flex; align-items: center; gap: 6px; font-weight: 600; }
.checkbox input { width: 24px; height: 24px; margin: 0; accent-color: var(--blue); }
.caution { border-left: 4px solid #FFB81C; padding-left: 12px; font-weight: 600; }
.ytd { font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
.button { font: inherit; font-weight: 600; font-size: 1rem; line-height: 1.5; color: #fff; background: #007F3B; border: 2px solid transparent; border-radius: 4px; box-shadow: 0 4px 0 #00401E; padding: 8px 16px; cursor: pointer; margin-bottom: 4px; }
.button:hover { background: #00662F; }
.button:focus { background: var(--focus); color: var(--text); box-shadow: 0 4px 0 var(--text); outline: 4px solid transparent; }
.button--secondary { background: var(--blue); box-shadow: 0 4px 0 var(--dark-blue); }
.button--secondary:hover { background: var(--dark-blue); }
.button--reverse { background: #fff; color: var(--text); box-shadow: 0 4px 0 #768692; }
.button--reverse:hover { background: #F0F4F5; }
.button[disabled] { opacity: .6; cursor: default; }
.status { min-height: 1.5em; color: var(--secondary); }
.error-message { color: var(--red); font-weight: 700; border-left: 4px solid var(--red); padding-left: 12px; }
.success-message { color: var(--green); font-weight: 700; border-left: 4px solid var(--green); padding-left: 12px; }
.tabs { margin: 0 0 16px; border-bottom: 1px solid var(--border); }
[role="tablist"] { display: flex; flex-wrap: wrap; gap: 0 4px; }
.tab { font: inherit; font-weight: 600; color: var(--blue); background: #E8EDEE; border: 1px solid var(--border); border-bottom: 0; padding: 8px 16px; margin-bottom: -1px; cursor: pointer; text-decoration: underline; }
.tab[aria-selected="true"] { color: var(--text); background: #fff; border-color: var(--border); border-top: 4px solid var(--blue); text-decoration: none; }
.tab:focus { outline: 4px solid transparent; box-shadow: inset 0 -4px var(--text); background-color: var(--focus); color: var(--text); }
.tabpanel:focus { outline: 4px solid var(--focus); outline-offset: 2px; }
.contents ul { list-style: none; padding: 0; margin: 0 0 16px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.chart-figure { margin: 0 0 16px; background: #fff; border: 1px solid var(--border); padding: 8px; }
.chart { display: block; max-width: 100%; height: auto; font-family: Arial, sans-serif; }
figcaption { font-size: .875rem; color: var(--secondary); margin-top: 4px; }
.data-table { border-collapse: collapse; width: 100%; margin: 0 0 16px; background: #fff; font-size: .9375rem; }
.data-table caption { text-align: left; font-weight: 700; padding: 8px 0; }
.data-table th, .data-table td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--border); vertical-align: top; overflow-wrap: break-word; }
.data-table thead th { border-bottom: 2px solid var(--text); }
.suppressed { font-style: italic; color: var(--secondary); }
details { margin: 0 0 16px; }
summary { cursor: pointer; color: var(--blue); text-decoration: underline; }
code { font-family: Consolas, monospace; background: var(--bg); padding: 0 4px; }
.footer { border-top: 4px solid var(--blue); background: #fff; padding: 16px 0; font-size: .875rem; color: var(--secondary); }
.print-only { display: none; }
[hidden] { display: none !important; }
.mapping-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15em, 1fr)); gap: 0 24px; }
.mapping-grid .hint { font-size: .875rem; margin: 4px 0 0; overflow-wrap: anywhere; }
.mapping-grid .select { width: 100%; }
.table-heading { display: none; }
.import-progress { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 0 0 16px; }
.import-progress .label { flex: 1 0 100%; margin: 0; }
.import-progress progress { flex: 1 1 12em; height: 1.25em; }
.value-groups { list-style: none; padding: 0; margin: 0 0 16px; }
.value-group { padding: 8px 0 8px 12px; border-left: 4px solid var(--border); margin-bottom: 8px; overflow-wrap: anywhere; }
.value-group--unknown { border-left-color: #d4351c; }
.value-group .select, .value-group .input--date { width: auto; max-width: 100%; margin: 4px 0; }
.value-group__status { display: block; font-size: .875rem; margin: 0; }
/* Narrow screens: each row becomes a block, each cell "heading: value" (NHS.UK responsive table). */
@media (max-width: 40em) {
  .responsive-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .responsive-table, .responsive-table tbody, .responsive-table tr, .responsive-table th, .responsive-table td { display: block; }
  .responsive-table caption { display: block; }
  .responsive-table tr { border: 1px solid var(--border); margin-bottom: 12px; padding: 4px 8px; background: #fff; }
  .responsive-table th, .responsive-table td { display: flex; justify-content: space-between; gap: 12px; border-bottom: 1px solid var(--border); padding: 6px 0; text-align: right; }
  .responsive-table tr > :last-child { border-bottom: 0; }
  .responsive-table .table-heading { display: block; font-weight: 700; text-align: left; flex: 0 1 50%; }
}

@media print {
  @page { size: A4; margin: 10mm; }
  html, body { background: #fff; font-size: 9pt; line-height: 1.25; }
  .no-print, .skip-link, .header button, .footer, #signin, details, .status, .hint, figcaption { display: none !important; }
  .print-only { display: block; }
  .header { background: #fff; color: var(--text); border-bottom: 3px solid var(--blue); padding: 0 0 2px; }
  .header__title, .header__sub { display: inline; font-size: 10pt; }
  .width-container { margin: 0; max-width: none; }
  .main { padding: 2px 0 0; }
  h1 { font-size: 14pt; margin: 0 0 2px; } h2 { font-size: 11pt; margin: 4px 0 2px; } h3 { font-size: 9pt; margin: 2px 0; }
  .card { border: 0; padding: 0; margin: 0; }
  .headline { font-size: 10pt; }
  p { margin: 0 0 2px; }
  /* One A4 page: headline across the top, then the charts two by two. Tables behind the charts stay on screen. */
  #app:not([hidden]) { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; align-items: start; }
  /* The panels' sections are the grid's items: whichever standard is shown prints in the same layout. */
  .tabpanel:not([hidden]) { display: contents; }
  #headline, #breakdowns, #wdes-headline, #wdes-breakdowns, #wdes-method, #wdes-publication-view { grid-column: 1 / -1; }
  #headline { order: 1; } #trend { order: 2; } #benchmark { order: 3; } #breakdowns { order: 4; } #compliance { order: 5; grid-column: 1 / -1; }
  /* The definitions and method note closes the page in small type; the publication tables take the whole width. */
  #method { order: 6; grid-column: 1 / -1; } #method h2 { font-size: 8pt; margin: 2px 0 0; }
  #method-body p { font-size: 6.5pt; line-height: 1.15; margin: 0; } #method-body p + p { display: none; }
  #publication-view { grid-column: 1 / -1; order: 0; }
  #breakdowns, #wdes-breakdowns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }
  #breakdowns h2, #wdes-breakdowns h2 { grid-column: 1 / -1; }
  #wdes-headline { order: 1; } #wdes-gi { order: 2; } #wdes-trend { order: 3; } #wdes-breakdowns { order: 4; } #wdes-method { order: 6; }
  #wdes-method h2 { font-size: 8pt; margin: 2px 0 0; } #wdes-method-body p { font-size: 6.5pt; line-height: 1.15; margin: 0; }
  #wdes-trend .data-table, #wdes-breakdowns .data-table,
  #trend .data-table, #breakdowns .data-table, #compliance .data-table, #compliance h3, #compliance figure, #benchmark-body > p:not(#benchmark-you) { display: none; }
  #compliance-body > table:last-child { display: table; width: auto; }
  .chart-figure { border: 0; padding: 0; margin: 0 0 2px; break-inside: avoid; }
  .chart { width: 100%; height: auto; max-height: 48mm; }
  .data-table { font-size: 8pt; margin-bottom: 2px; }
  .data-table caption { padding: 1px 0; }
  .data-table th, .data-table td { padding: 1px 4px; }
  a { color: var(--text); text-decoration: none; }
}
`;
