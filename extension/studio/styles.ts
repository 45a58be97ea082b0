/** The studio panel's own look, on top of the overlays' NHS.UK styles (lib/nhsStyles.ts). */
export const STUDIO_CSS = `
.studio { position: fixed; top: 0; right: 0; width: 440px; max-width: 100vw; height: 100vh; z-index: 2147483646; display: flex; flex-direction: column;
  background: #fff; border-left: 4px solid #005eb8; box-shadow: -2px 0 8px rgba(33,43,50,.3); font-size: 15px; }
.studio-head { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px; border-bottom: 1px solid #d8dde0; }
.studio-head h2 { margin: 0; }
.studio-scroll { flex: 1 1 60%; overflow: auto; padding: 8px 12px; }
.studio-readout { flex: 0 1 40%; overflow: auto; padding: 8px 12px; border-top: 2px solid #005eb8; background: #f0f4f5; }
.studio-section { margin: 0 0 8px; border-bottom: 1px solid #d8dde0; padding-bottom: 8px; }
.studio-section > summary { font-weight: 700; font-size: 17px; cursor: pointer; padding: 4px 0; }
.studio-field, .studio-screen { margin: 8px 0; padding: 6px 8px; border: 1px solid #d8dde0; }
.studio-field-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.studio-field-label { font-weight: 600; }
.studio-label { display: block; margin: 4px 0; font-size: 14px; }
.studio-label .fs-input, .studio-label select, .studio-label textarea { display: block; width: 100%; margin-top: 2px; }
.studio-selector { width: 100%; font-family: monospace; font-size: 13px; }
.studio-count { font-size: 13px; color: #4c6272; }
.studio-small { font-size: 13px; }
.studio-inline { display: flex; gap: 8px; align-items: flex-end; }
.studio-advanced > summary { font-size: 13px; cursor: pointer; color: #005eb8; }
.studio-pick { padding: 2px 10px; margin: 0; font-size: 14px; }
.studio-pick.is-active { background: #ffeb3b; color: #212b32; }
.studio-lines { list-style: none; padding: 0; margin: 0; font-size: 13px; }
.studio-lines li { padding: 2px 0 2px 8px; border-left: 4px solid #d8dde0; margin: 2px 0; }
.studio-lines li[data-level=ok] { border-color: #007f3b; }
.studio-lines li[data-level=problem] { border-color: #d5281b; background: #fff; }
.studio-lines code { font-size: 12px; color: #4c6272; }
.studio-map-row { display: flex; justify-content: space-between; gap: 8px; font-size: 14px; margin: 2px 0; }
.studio-list { list-style: none; padding: 0; }
.studio-list li { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 4px 0; }
.studio-layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647; }
.studio-outline { position: fixed; display: none; pointer-events: none; border: 2px solid #d5281b; background: rgba(255,235,59,.25); }
.studio-outline-tag { position: absolute; left: 0; top: -22px; background: #212b32; color: #fff; font: 12px monospace; padding: 2px 4px; white-space: nowrap; }
`;
