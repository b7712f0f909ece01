import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ssrTemplate } from './ssr-template.ts';

// Rendered by Docusaurus's own template compiler, as the build does.
const { compileSSGTemplate } = createRequire(import.meta.url)('@docusaurus/core/lib/ssg/ssgTemplate.js') as {
  compileSSGTemplate: (template: string) => Promise<(data: Record<string, unknown>) => string>;
};

async function render(): Promise<string> {
  const compiled = await compileSSGTemplate(ssrTemplate);
  return compiled({
    htmlAttributes: 'lang="en"',
    version: '3.10.2',
    metaAttributes: [],
    headTags: '<title>T</title>',
    stylesheets: ['assets/css/styles.1.css'],
    scripts: ['assets/js/runtime~main.2.js', 'assets/js/main.3.js'],
    baseUrl: '/kb/',
    bodyAttributes: '',
    preBodyTags: '',
    appHtml: '<main><h1>Hello</h1></main>',
    postBodyTags: '',
  });
}

/** Runs the page's inline boot script against a minimal document; returns the scripts it appends. */
function boot(html: string, visibilityState: 'visible' | 'hidden') {
  const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!inline) throw new Error('no inline boot script in the page');
  const appended: { src: string; async: boolean }[] = [];
  const frames: (() => void)[] = [];
  const timeouts: (() => void)[] = [];
  const document = {
    visibilityState,
    createElement: () => ({ src: '', async: true }),
    body: { appendChild: (el: { src: string; async: boolean }) => appended.push({ ...el }) },
  };
  new Function('document', 'requestAnimationFrame', 'setTimeout', inline)(
    document,
    (cb: () => void) => frames.push(cb),
    (cb: () => void) => timeouts.push(cb),
  );
  return { appended, frames, timeouts };
}

describe('ssrTemplate', () => {
  it('keeps the scripts out of the head: nothing to fetch or run before the first paint', async () => {
    const html = await render();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).not.toContain('main.3.js');
    expect(html).not.toMatch(/<script src=/);
    expect(html).toContain('<div id="__docusaurus"><main><h1>Hello</h1></main></div>');
    expect(html).toContain('<link rel="stylesheet" href="/kb/assets/css/styles.1.css" />');
  });

  it('starts the scripts in order, not async, after the first frame', async () => {
    const { appended, frames, timeouts } = boot(await render(), 'visible');
    expect(appended).toEqual([]);
    frames.shift()!();
    expect(appended).toEqual([]);
    timeouts.shift()!();
    expect(appended).toEqual([
      { src: '/kb/assets/js/runtime~main.2.js', async: false },
      { src: '/kb/assets/js/main.3.js', async: false },
    ]);
  });

  it('starts them at once in a hidden tab, which paints no frames', async () => {
    const { appended, frames } = boot(await render(), 'hidden');
    expect(frames).toEqual([]);
    expect(appended.map((s) => s.src)).toEqual(['/kb/assets/js/runtime~main.2.js', '/kb/assets/js/main.3.js']);
  });
});
