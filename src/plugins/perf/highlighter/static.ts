/**
 * The code highlighter as a static import: the server bundle (every block is
 * rendered into the HTML) and `npm start`. See ./on-demand.ts for the
 * production client.
 */
import Highlighted from '@site/src/theme/CodeBlock/Highlighted';

export function getHighlighter(): typeof Highlighted | undefined {
  return Highlighted;
}

export function loadHighlighter(): Promise<void> {
  return Promise.resolve();
}
