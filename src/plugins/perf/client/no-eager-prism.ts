/**
 * Replaces theme-classic's `prism-include-languages` client module, which
 * imports prism-react-renderer (Prism and its ~30 bundled grammars) into the
 * main bundle and runs it on every page load, code or no code: 50–100 ms of
 * script evaluation before hydration. The languages are now registered by
 * src/theme/CodeBlock, so Prism loads with the first page that has a code block.
 */
export {};
