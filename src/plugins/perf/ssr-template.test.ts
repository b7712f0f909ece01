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

type PaintCallback = (
  list: { getEntriesByName: (name: string) => unknown[] },
  observer: { disconnect: () => void },
) => void;

/**
 * Runs the page's inline boot script against a minimal document; returns the
 * scripts it appends, and the frames, timers and paint observers it waits on.
 */
function boot(html: string, visibilityState: 'visible' | 'hidden', paintTiming = true) {
  const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!inline) throw new Error('no inline boot script in the page');
  const appended: { src: string; async: boolean }[] = [];
  const frames: (() => void)[] = [];
  const timeouts: { run: () => void; ms: number }[] = [];
  const observers: { callback: PaintCallback; disconnected: boolean }[] = [];
  const document = {
    visibilityState,
    createElement: () => ({ src: '', async: true }),
    body: { appendChild: (el: { src: string; async: boolean }) => appended.push({ ...el }) },
  };
  class FakeObserver {
    static supportedEntryTypes = paintTiming ? ['paint', 'navigation'] : ['navigation'];
    entry: { callback: PaintCallback; disconnected: boolean };
    constructor(callback: PaintCallback) {
      this.entry = { callback, disconnected: false };
      observers.push(this.entry);
    }
    observe() {}
    disconnect() {
      this.entry.disconnected = true;
    }
  }
  new Function('document', 'requestAnimationFrame', 'setTimeout', 'PerformanceObserver', inline)(
    document,
    (cb: () => void) => frames.push(cb),
    (run: () => void, ms: number) => timeouts.push({ run, ms }),
    FakeObserver,
  );
  /** Delivers paint entries with these names to every observer still connected. */
  const paint = (...names: string[]) => {
    for (const o of observers.filter((x) => !x.disconnected))
      o.callback(
        { getEntriesByName: (name) => names.filter((n) => n === name) },
        { disconnect: () => (o.disconnected = true) },
      );
  };
  return { appended, frames, timeouts, observers, paint };
}

const IN_ORDER = [
  { src: '/kb/assets/js/runtime~main.2.js', async: false },
  { src: '/kb/assets/js/main.3.js', async: false },
];

describe('ssrTemplate', () => {
  it('keeps the scripts out of the head: nothing to fetch or run before the first paint', async () => {
    const html = await render();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).not.toContain('main.3.js');
    expect(html).not.toMatch(/<script src=/);
    expect(html).toContain('<div id="__docusaurus"><main><h1>Hello</h1></main></div>');
    expect(html).toContain('<link rel="stylesheet" href="/kb/assets/css/styles.1.css" />');
  });

  it('starts the scripts in order, not async, once the first contentful paint is reported, and only once', async () => {
    const { appended, frames, timeouts, paint } = boot(await render(), 'visible');
    expect(appended).toEqual([]);
    frames.shift()!();
    paint('first-paint');
    expect(appended, 'started before the first contentful paint').toEqual([]);
    paint('first-contentful-paint');
    expect(appended).toEqual(IN_ORDER);
    for (const t of timeouts) t.run();
    expect(appended, 'the fallback timer started them again').toEqual(IN_ORDER);
  });

  it('starts them three seconds after the first frame when no contentful paint is reported', async () => {
    const { appended, frames, timeouts } = boot(await render(), 'visible');
    frames.shift()!();
    expect(timeouts.map((t) => t.ms)).toEqual([3000]);
    timeouts.shift()!.run();
    expect(appended).toEqual(IN_ORDER);
  });

  it('starts them right after the first frame in a browser without Paint Timing', async () => {
    const { appended, frames, timeouts, observers } = boot(await render(), 'visible', false);
    expect(observers).toEqual([]);
    frames.shift()!();
    expect(appended).toEqual([]);
    expect(timeouts.map((t) => t.ms)).toEqual([0]);
    timeouts.shift()!.run();
    expect(appended).toEqual(IN_ORDER);
  });

  it('starts them at once in a hidden tab, which paints no frames', async () => {
    const { appended, frames } = boot(await render(), 'hidden');
    expect(frames).toEqual([]);
    expect(appended).toEqual(IN_ORDER);
  });
});
