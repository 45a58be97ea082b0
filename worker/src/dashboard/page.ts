/**
 * The dashboard's one HTML page. Static markup only: every figure is filled in by the client
 * (client/main.ts) with DOM APIs. Served with a strict Content-Security-Policy (index.ts), so
 * no inline script or style is allowed and none is used.
 */
export function dashboardPage(opts: { scriptUrl: string; styleUrl: string; importWorkerUrl: string }): string {
  return `<!doctype html>
<html lang="en-GB" data-import-worker="${opts.importWorkerUrl}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>WRES indicator 2 and WDES metric 2 dashboard – Fair Shortlist</title>
<link rel="stylesheet" href="${opts.styleUrl}">
<script type="module" src="${opts.scriptUrl}"></script>
</head>
<body>
<a class="skip-link" href="#main-heading">Skip to main content</a>
<header class="header" role="banner">
  <div class="width-container header__inner">
    <p class="header__title">Fair Shortlist <span class="header__sub">WRES indicator 2 and WDES metric 2</span></p>
    <p class="header__org" id="org-name" hidden></p>
    <button type="button" class="button button--reverse" id="signout" hidden>Sign out</button>
  </div>
</header>
<div class="width-container">
<main id="main" class="main">
  <h1 id="main-heading" tabindex="-1">Fair recruitment: WRES indicator 2 and WDES metric 2</h1>
  <p class="print-only" id="report-date"></p>

  <section id="signin" aria-labelledby="signin-title" class="card">
    <h2 id="signin-title">Sign in</h2>
    <p>Use your organisation's <strong>read token</strong> (your own analysts: exact figures) or its <strong>report token</strong> (the tables for publication only). It is kept only in this browser tab until you sign out or close the tab, and is never put in a web address.</p>
    <p class="error-message" id="signin-error" role="alert" hidden></p>
    <form id="signin-form" novalidate>
      <div class="form-group">
        <label class="label" for="token">Read or report token</label>
        <input class="input" id="token" name="token" type="password" autocomplete="off" spellcheck="false" required aria-describedby="token-hint">
        <p class="hint" id="token-hint">Starts <code>fs_read_</code> or <code>fs_report_</code>. Your trust's system administrator has it.</p>
      </div>
      <button class="button" type="submit">Sign in</button>
    </form>
  </section>

  <div id="app" hidden>
    <nav class="contents no-print" aria-label="Sections">
      <ul>
        <li data-standard="wres"><a href="#headline">Headline</a></li>
        <li data-standard="wres"><a href="#trend">Trend</a></li>
        <li data-standard="wres"><a href="#breakdowns">Bands and staff groups</a></li>
        <li data-standard="wres"><a href="#benchmark">Benchmark</a></li>
        <li data-standard="wres"><a href="#compliance">Panel rules</a></li>
        <li data-standard="wres"><a href="#interventions">Does it work?</a></li>
        <li data-standard="wdes" hidden><a href="#wdes-headline">Headline</a></li>
        <li data-standard="wdes" hidden><a href="#wdes-gi">Guaranteed interview</a></li>
        <li data-standard="wdes" hidden><a href="#wdes-breakdowns">Bands and staff groups</a></li>
        <li data-standard="wdes" hidden><a href="#wdes-trend">Trend</a></li>
        <li data-standard="wdes" hidden><a href="#wdes-method">Definitions</a></li>
        <li><a href="#import">Import</a></li>
      </ul>
    </nav>

    <div class="tabs no-print">
      <div role="tablist" aria-label="Equality standard" id="standard-tabs">
        <button type="button" role="tab" class="tab" id="tab-wres" aria-selected="true" aria-controls="panel-wres" tabindex="0">WRES indicator 2 (ethnicity)</button>
        <button type="button" role="tab" class="tab" id="tab-wdes" aria-selected="false" aria-controls="panel-wdes" tabindex="-1">WDES metric 2 (disability)</button>
      </div>
    </div>

    <form class="controls no-print" id="controls" aria-label="Figures to show">
      <div class="form-group">
        <label class="label" for="year">Financial year</label>
        <select class="select" id="year" name="year"></select>
      </div>
      <fieldset class="fieldset form-group">
        <legend class="legend">Confidence level</legend>
        <div class="radios radios--inline">
          <div class="radio"><input type="radio" id="level-80" name="level" value="80"><label for="level-80">80%</label></div>
          <div class="radio"><input type="radio" id="level-90" name="level" value="90"><label for="level-90">90%</label></div>
          <div class="radio"><input type="radio" id="level-95" name="level" value="95" checked><label for="level-95">95%</label></div>
          <div class="radio"><input type="radio" id="level-99" name="level" value="99"><label for="level-99">99%</label></div>
        </div>
      </fieldset>
      <div class="form-group">
        <div class="checkboxes"><div class="checkbox">
          <input type="checkbox" id="publication" name="publication" aria-describedby="publication-hint">
          <label for="publication">For publication</label>
        </div></div>
        <p class="hint" id="publication-hint">Board papers, the public WRES and WDES reports, wider staff: only the fixed tables that may be published (complete years, senior bands grouped, small numbers and the rows that would give them away withheld).</p>
      </div>
      <div class="form-group actions">
        <button type="button" class="button button--secondary" id="download-csv">Download CSV for the WRES return</button>
        <button type="button" class="button button--secondary" id="print-report">Print one-page report</button>
      </div>
    </form>
    <p class="status" id="status" role="status" aria-live="polite"></p>

    <div role="tabpanel" id="panel-wres" aria-labelledby="tab-wres" tabindex="0" class="tabpanel">
    <section id="publication-view" aria-labelledby="publication-title" hidden>
      <h2 id="publication-title">For publication</h2>
      <div id="publication-body"></div>
    </section>

    <section id="headline" aria-labelledby="headline-title" class="card card--feature">
      <h2 id="headline-title">Headline</h2>
      <div id="headline-body"></div>
    </section>

    <section id="trend" aria-labelledby="trend-title">
      <h2 id="trend-title">Trend across years</h2>
      <div id="trend-body"></div>
    </section>

    <section id="breakdowns" aria-labelledby="breakdowns-title">
      <h2 id="breakdowns-title">By band and staff group</h2>
      <div class="breakdown"><h3>By band</h3><div id="band-body"></div></div>
      <div class="breakdown"><h3>By staff group</h3><div id="group-body"></div></div>
    </section>

    <section id="benchmark" aria-labelledby="benchmark-title">
      <h2 id="benchmark-title">Benchmark: organisations using fair-shortlist</h2>
      <div id="benchmark-body"></div>
    </section>

    <section id="compliance" aria-labelledby="compliance-title">
      <h2 id="compliance-title">Interview panel rules (posts above the threshold)</h2>
      <div id="compliance-body"></div>
    </section>

    <section id="interventions" aria-labelledby="interventions-title" class="no-print">
      <h2 id="interventions-title">Does it work? WRES indicator 2 by intervention</h2>
      <div id="interventions-body"></div>
    </section>

    <section id="method" aria-labelledby="method-title">
      <h2 id="method-title">Definitions and method</h2>
      <div id="method-body"></div>
    </section>
    </div>

    <div role="tabpanel" id="panel-wdes" aria-labelledby="tab-wdes" tabindex="0" class="tabpanel" hidden>
    <section id="wdes-publication-view" aria-labelledby="wdes-publication-title" hidden>
      <h2 id="wdes-publication-title">WDES metric 2 for publication</h2>
      <div id="wdes-publication-body"></div>
    </section>

    <section id="wdes-headline" aria-labelledby="wdes-headline-title" class="card card--feature">
      <h2 id="wdes-headline-title">WDES metric 2</h2>
      <div id="wdes-headline-body"></div>
    </section>

    <section id="wdes-gi" aria-labelledby="wdes-gi-title">
      <h2 id="wdes-gi-title">Disability Confident: guaranteed interviews</h2>
      <div id="wdes-gi-body"></div>
    </section>

    <section id="wdes-breakdowns" aria-labelledby="wdes-breakdowns-title">
      <h2 id="wdes-breakdowns-title">WDES metric 2 by band and staff group</h2>
      <div class="breakdown"><h3>By band</h3><div id="wdes-band-body"></div></div>
      <div class="breakdown"><h3>By staff group</h3><div id="wdes-group-body"></div></div>
    </section>

    <section id="wdes-trend" aria-labelledby="wdes-trend-title">
      <h2 id="wdes-trend-title">WDES metric 2 across years</h2>
      <div id="wdes-trend-body"></div>
    </section>

    <section id="wdes-method" aria-labelledby="wdes-method-title">
      <h2 id="wdes-method-title">WDES metric 2: definitions</h2>
      <div id="wdes-method-body"></div>
    </section>
    </div>

    <section id="import" aria-labelledby="import-title" class="no-print card">
      <h2 id="import-title">Import applicants from your recruitment system</h2>
      <p>Choose the per-applicant export of your recruitment system (NHS Jobs, TRAC, Stonefish, Jobtrain, Oleeo or your own), as CSV or Excel. It is read and counted <strong>in this browser</strong>: only counts per vacancy are sent, never a row, a name or a vacancy reference.</p>
      <div class="form-group">
        <label class="label" for="import-file">Export file (.csv, .xlsx, or .txt saved as Unicode Text)</label>
        <input class="file-upload" type="file" id="import-file" accept=".csv,.xlsx,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
      </div>
      <div class="import-progress" id="import-progress" hidden>
        <label class="label" id="import-progress-label" for="import-progress-bar">Reading…</label>
        <progress id="import-progress-bar" max="1" value="0">0%</progress>
        <button type="button" class="button button--secondary" id="import-cancel">Cancel</button>
      </div>
      <div class="form-group" id="import-sheet-box" hidden>
        <label class="label" for="import-sheet">Sheet</label>
        <select class="select" id="import-sheet"></select>
      </div>
      <fieldset class="fieldset" id="import-mapping" hidden></fieldset>
      <div id="import-preview" aria-live="polite"></div>
      <form id="import-send" hidden novalidate>
        <h3>Send the counts</h3>
        <div class="form-group">
          <label class="label" for="submit-token">Submit token</label>
          <input class="input" id="submit-token" type="password" autocomplete="off" spellcheck="false" aria-describedby="submit-token-hint">
          <p class="hint" id="submit-token-hint">Starts <code>fs_submit_</code>. Used for this send only and not stored.</p>
        </div>
        <div class="form-group">
          <label class="label" for="org-secret">Organisation secret for vacancy keys</label>
          <input class="input" id="org-secret" type="password" autocomplete="off" spellcheck="false" aria-describedby="org-secret-hint">
          <p class="hint" id="org-secret-hint">The same secret your trust set for the browser extension: each vacancy reference is replaced by a keyed hash, so sending a file again updates the counts instead of adding them twice.</p>
        </div>
        <p class="hint" id="import-send-held"></p>
        <button class="button" type="submit" id="import-send-button">Send counts</button>
      </form>
      <div id="import-result"></div>
    </section>
  </div>
</main>
</div>
<footer class="footer no-print" role="contentinfo"><div class="width-container"><p>Figures are anonymised counts. Your own analysts see them exactly, with small numbers flagged; tables for publication withhold small numbers so no applicant can be identified. National figures: NHS England Workforce Race Equality Standard reports.</p></div></footer>
</body>
</html>`;
}
