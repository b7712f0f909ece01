import { describe, expect, it } from 'vitest';
import {
  classifyPage,
  htmlClassNames,
  pageTitle,
  preparePage,
  separateCells,
  urlOfBuiltFile,
  versionsOf,
  withoutSvg,
  type PageContext,
} from './model.ts';

const context: PageContext = {
  labels: { docs: { default: 'Docs', runbooks: 'Runbooks', adr: 'ADRs' }, blog: { default: 'Reports' } },
  siteTitle: 'Sophia KB',
  versions: ['current', 'phase-1'],
  versionedDocs: ['default', 'runbooks'],
};

const page = (htmlClass: string, body: string, title = 'Page | Sophia KB') =>
  `<!doctype html><html lang=en dir=ltr class="${htmlClass}" data-has-hydrated=false><head><title>${title}</title></head><body><nav class=navbar>Handbook Runbooks</nav><main>${body}</main><footer class=footer>Sophia AI engineering</footer></body></html>`;

describe('htmlClassNames', () => {
  it('reads quoted and unquoted class attributes of <html>', () => {
    expect(htmlClassNames('<html lang=en class="a b">')).toEqual(['a', 'b']);
    expect(htmlClassNames("<html class='a'>")).toEqual(['a']);
    expect(htmlClassNames('<html lang=en class=solo dir=ltr>')).toEqual(['solo']);
    expect(htmlClassNames('<html lang=en><body class="x">')).toEqual([]);
  });
});

describe('classifyPage', () => {
  const classify = (c: string) => classifyPage(c.split(' '), context);
  it('puts each docs instance in its section, with the version Docusaurus marks', () => {
    expect(classify('docs-wrapper plugin-docs plugin-id-default docs-version-current docs-doc-page')).toEqual({
      section: 'Docs',
      version: 'current',
      versioned: true,
    });
    expect(classify('docs-wrapper plugin-docs plugin-id-runbooks docs-version-phase-1 docs-doc-page')).toEqual({
      section: 'Runbooks',
      version: 'phase-1',
      versioned: true,
    });
    expect(classify('docs-wrapper plugin-docs plugin-id-adr docs-version-current docs-doc-page')).toEqual({
      section: 'ADRs',
      version: 'current',
      versioned: false,
    });
  });
  it('puts blog posts in Reports, unversioned', () => {
    expect(classify('blog-wrapper blog-post-page plugin-blog plugin-id-default')).toEqual({
      section: 'Reports',
      version: 'current',
      versioned: false,
    });
  });
  it('puts the build-time benchmark views (scale test, scorecard) in Reports, not the per-suite histories', () => {
    expect(classify('plugin-benchmark-views plugin-id-default kb-view-scale-test-report')).toEqual({
      section: 'Reports',
      version: 'current',
      versioned: false,
    });
    expect(classify('plugin-benchmark-views plugin-id-default kb-view-benchmark-history')).toBeUndefined();
  });
  it('leaves out list, tag and other pages, and instances with no section', () => {
    expect(classify('blog-wrapper blog-list-page plugin-blog plugin-id-default')).toBeUndefined();
    expect(classify('blog-wrapper blog-tags-post-list-page plugin-blog plugin-id-default')).toBeUndefined();
    expect(classify('docs-wrapper plugin-docs plugin-id-default docs-tags-list-page')).toBeUndefined();
    expect(classify('plugin-pages plugin-id-default')).toBeUndefined();
    expect(classify('docs-wrapper plugin-docs plugin-id-notes docs-version-current docs-doc-page')).toBeUndefined();
  });
});

describe('versionsOf', () => {
  it('gives a versioned page its own version and an unversioned page every version', () => {
    expect(versionsOf({ section: 'Docs', version: 'phase-1', versioned: true }, context.versions)).toEqual(['phase-1']);
    expect(versionsOf({ section: 'ADRs', version: 'current', versioned: false }, context.versions)).toEqual([
      'current',
      'phase-1',
    ]);
  });
});

describe('urlOfBuiltFile', () => {
  it('maps built files to trailingSlash: false URLs', () => {
    expect(urlOfBuiltFile('docs/guides.html')).toBe('/docs/guides');
    expect(urlOfBuiltFile('docs/index.html')).toBe('/docs');
    expect(urlOfBuiltFile('index.html')).toBe('/');
  });
});

describe('pageTitle', () => {
  it('takes the article h1 as text, else the <title> without the site name', () => {
    expect(pageTitle('', '<article><h1 class=x>Use <code>Redis</code> &amp; more</h1></article>', 'Sophia KB')).toBe(
      'Use Redis & more',
    );
    expect(pageTitle('<title>Runbook | Sophia KB</title>', '<article><p>no heading</article>', 'Sophia KB')).toBe(
      'Runbook',
    );
  });
});

describe('separateCells', () => {
  it('keeps the text of adjacent table cells apart', () => {
    expect(separateCells('<tr><td>95 %<td>30 days<th scope=row>x')).toBe('<tr> <td>95 % <td>30 days <th scope=row>x');
    expect(separateCells('<thead><tbody>')).toBe('<thead><tbody>');
  });
});

describe('withoutSvg', () => {
  it('drops every inline SVG element and keeps the text around it', () => {
    const chart =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><title>p95: 12 ms</title><a href="/r/1"><circle r="1"/></a></svg>';
    expect(withoutSvg(`<p>before</p><div>${chart}</div><p>between</p>${chart.toUpperCase()}<p>after</p>`)).toBe(
      '<p>before</p><div></div><p>between</p><p>after</p>',
    );
    expect(withoutSvg('<p>no chart, an <svgx> tag name</p>')).toBe('<p>no chart, an <svgx> tag name</p>');
  });
});

describe('preparePage', () => {
  it('sends a page without its charts: Pagefind ignores them anyway', () => {
    const html = page(
      'plugin-benchmark-views plugin-id-default',
      '<article><h1>api: scale test</h1><svg class=kb-chart><title>run 7 p95: 41 ms</title></svg><p>trend</p></article>',
    );
    const prepared = preparePage(html, 'reports/api-scale.html', context);
    expect(prepared.kind).toBe('page');
    if (prepared.kind !== 'page') return;
    expect(prepared.html).not.toContain('<svg');
    expect(prepared.html).toContain('<p>trend</p>');
  });

  it('marks the article as the body and adds title, section and version', () => {
    const html = page(
      'plugin-docs plugin-id-adr docs-version-current docs-doc-page',
      '<article><h1>Use Redis, "carefully"</h1><p>text</p></article>',
    );
    const prepared = preparePage(html, 'adr/use-redis.html', context);
    expect(prepared.kind).toBe('page');
    if (prepared.kind !== 'page') return;
    expect(prepared).toMatchObject({
      title: 'Use Redis, "carefully"',
      section: 'ADRs',
      versions: ['current', 'phase-1'],
    });
    expect(prepared.html).toContain(
      '<article data-pagefind-body><span hidden data-pagefind-ignore data-pagefind-meta="title">Use Redis, &quot;carefully&quot;</span>',
    );
    expect(prepared.html).toContain('data-pagefind-filter="section:ADRs"');
    expect(prepared.html).toContain('data-pagefind-filter="version:phase-1"');
    // Only the article goes to Pagefind: the page's chrome is never parsed, let alone indexed.
    expect(prepared.html).not.toContain('<nav class=navbar>');
    expect(prepared.html).toMatch(/<body><article data-pagefind-body>.*<p>text<\/p><\/article><\/body><\/html>$/);
  });
  it('skips pages that are not searchable', () => {
    expect(
      preparePage(
        page('blog-list-page plugin-blog plugin-id-default', '<article>x</article>'),
        'reports.html',
        context,
      ),
    ).toEqual({ kind: 'skip' });
  });
  it('reports a searchable page whose markup it cannot read', () => {
    const noArticle = preparePage(
      page('plugin-docs plugin-id-default docs-doc-page', '<div>x</div>'),
      'docs/x.html',
      context,
    );
    expect(noArticle).toEqual({
      kind: 'error',
      message: expect.stringMatching(/^docs\/x\.html: a Docs page without an <article>/),
    });
    const noTitle = preparePage(
      page('plugin-docs plugin-id-default docs-doc-page', '<article><p>x</p></article>', ''),
      'docs/y.html',
      context,
    );
    expect(noTitle).toEqual({
      kind: 'error',
      message: expect.stringMatching(/^docs\/y\.html: a Docs page without an <h1> or <title>/),
    });
  });
});
