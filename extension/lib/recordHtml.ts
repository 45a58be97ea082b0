/**
 * A record for the recruitment file (shared/src/records.ts) as a self-contained printable HTML
 * page, built with DOM APIs so every piece of page text is escaped, never markup.
 */
import type { FileRecord } from "@fair-shortlist/shared/records"

export function recordHtml(record: FileRecord): string {
  const doc = document.implementation.createHTMLDocument(record.title)
  const style = doc.createElement("style")
  style.textContent = "body{font-family:Arial,sans-serif;color:#212b32;margin:24px;line-height:1.4}h1{font-size:24px}h2{font-size:19px;margin-top:24px}table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}td,th{border:1px solid #d8dde0;padding:4px;text-align:left;vertical-align:top}td{white-space:pre-wrap}.sign{margin-top:32px}@media print{section{break-inside:avoid}}"
  doc.head.append(style)
  const el = (tag: string, text?: string) => {
    const e = doc.createElement(tag)
    if (text !== undefined) e.textContent = text
    return e
  }
  doc.body.append(el("h1", record.title), ...record.lines.map((l) => el("p", l)))
  for (const s of record.sections) {
    const section = el("section")
    section.dataset.section = s.id
    section.append(el("h2", s.heading), ...s.lines.map((l) => el("p", l)))
    for (const t of s.tables) {
      const table = el("table")
      const head = el("tr")
      head.append(...t.head.map((x) => {
        const th = el("th", x)
        th.setAttribute("scope", "col")
        return th
      }))
      const thead = el("thead")
      thead.append(head)
      const tbody = el("tbody")
      for (const row of t.rows) {
        const tr = el("tr")
        tr.append(...row.map((x) => el("td", x)))
        tbody.append(tr)
      }
      table.append(thead, tbody)
      section.append(table)
    }
    doc.body.append(section)
  }
  const sign = el("section")
  sign.className = "sign"
  sign.append(el("h2", "Sign-off"), ...record.signOff.map((l) => el("p", l)))
  doc.body.append(sign)
  return "<!doctype html>\n" + doc.documentElement.outerHTML
}
