// '@kb/code-highlighter' is an alias (src/plugins/perf/index.ts): static.ts on
// the server and in `npm start`, on-demand.ts in the production client. Both
// have this shape.
declare module '@kb/code-highlighter' {
  export { getHighlighter, loadHighlighter } from '@site/src/plugins/perf/highlighter/static';
}
