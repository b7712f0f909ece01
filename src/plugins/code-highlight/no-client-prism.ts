/**
 * Replaces theme-classic's `prism-include-languages` client module, which
 * imports prism-react-renderer (Prism and its ~30 bundled grammars) into the
 * main bundle and registers the site's extra grammars on every page load:
 * 50–100 ms of script evaluation before hydration. Code is highlighted at
 * build time (./remark.ts), so the browser needs no grammar at all.
 */
export {};
