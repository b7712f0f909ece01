import path from 'node:path';
import type { Config } from '@docusaurus/types';
import { GlobExcludeDefault } from '@docusaurus/utils';
import type * as Preset from '@docusaurus/preset-classic';
import type { Options as DocsOptions } from '@docusaurus/plugin-content-docs';
import { themes as prismThemes, type PrismTheme } from 'prism-react-renderer';
import remarkAdrBanner from './src/plugins/adr-index/remark-banner.ts';
import { adrSidebarItems } from './src/plugins/adr-index/sidebar.ts';
import remarkHighlightCode from './src/plugins/code-highlight/remark.ts';
import { perfLayerEnabled } from './src/plugins/perf/guard.ts';
import { ssrTemplate } from './src/plugins/perf/ssr-template.ts';
import { buildsPath, type SiteParts } from './src/plugins/parts/model.ts';
import { renderViewsEarly } from './src/plugins/benchmark-views/views-thread.ts';

// KB_CURRENT_ONLY=1 builds only the current version of the versioned
// sections (docs/, runbooks/): much faster for local work, see README.
const currentOnly = process.env.KB_CURRENT_ONLY === '1';
const versionFilter: Pick<DocsOptions, 'onlyIncludeVersions'> = currentOnly ? { onlyIncludeVersions: ['current'] } : {};

const sidebarPath = './sidebars.ts';

// Site parts (src/plugins/parts): `npm run build:parts` builds the site as these parts, one Docusaurus
// build each (in parallel CI jobs: .github/workflows/parts.yml), and merges them into build/. The part
// without paths owns everything the others do not. KB_PART=<name> builds one part.
const siteParts: SiteParts = {
  parts: [
    { name: 'handbook', paths: ['/docs'] },
    { name: 'runbooks', paths: ['/runbooks'] },
    { name: 'decisions', paths: ['/adr'] },
    { name: 'site', paths: [] },
  ],
  ...(process.env.KB_PART ? { current: process.env.KB_PART } : {}),
};

// `docusaurus build` evaluates this file to list its locales before it makes the plugins: the benchmark views
// (10,000 stored runs read and checked, each suite's history rendered) start in their thread now, not when the
// benchmark-views plugin is made (src/plugins/benchmark-views/views-thread.ts).
if (/^docusaurus(\.mjs)?$/.test(path.basename(process.argv[1] ?? '')) && process.argv[2] === 'build')
  renderViewsEarly(__dirname);

// The perf layer (src/plugins/perf: the plugin, its theme components and the page
// template) rewrites Docusaurus internals; KB_PERF=0 builds the stock client without it.
const perf = perfLayerEnabled(process.env);

// `defaultLanguage` (the language of a block that names none) may be set here too.
const prism: { theme: PrismTheme; darkTheme: PrismTheme; additionalLanguages: string[]; defaultLanguage?: string } = {
  theme: prismThemes.github,
  darkTheme: prismThemes.dracula,
  additionalLanguages: ['bash', 'python', 'yaml', 'sql', 'json'],
};
// Code is highlighted at build time, in every content plugin (src/plugins/code-highlight),
// with the theme's own Prism options: its extra grammars and its default language. Only
// those two: the site config, plugin options included, is shipped to the browser in main.js.
const remarkPlugins: [typeof remarkHighlightCode, Parameters<typeof remarkHighlightCode>[0]][] = [
  [remarkHighlightCode, { additionalLanguages: prism.additionalLanguages, defaultLanguage: prism.defaultLanguage }],
];

const config: Config = {
  title: 'Sophia KB',
  tagline: 'Performance, scalability and stability first: the programme knowledge base',
  favicon: 'img/favicon.svg',
  url: 'https://kb.sophia.example',
  baseUrl: '/',
  trailingSlash: false,
  onBrokenLinks: 'throw',
  customFields: { siteParts },
  onBrokenAnchors: 'throw',
  // Scripts start after the first frame, so content paints before JavaScript runs (src/plugins/perf/ssr-template.ts).
  ...(perf ? { ssrTemplate } : {}),
  // v4 flags on, except CSS cascade layers: with them the production CSS
  // polyfills layers by specificity and our custom.css colours lose to Infima.
  future: {
    v4: {
      removeLegacyPostBuildHeadAttribute: true,
      useCssCascadeLayers: false,
      siteStorageNamespacing: true,
      fasterByDefault: true,
      mdx1CompatDisabledByDefault: true,
    },
    faster: true,
  },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  markdown: {
    // .md is CommonMark (text such as {x} or <tag> renders literally);
    // only .mdx files are parsed as MDX.
    format: 'detect',
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw' },
  },
  // perf is listed after theme-mermaid: its theme components wrap theme-mermaid's Mermaid (and theme-classic's).
  themes: ['@docusaurus/theme-mermaid', ...(perf ? ['./src/plugins/perf/index.ts'] : [])],
  presets: [
    [
      'classic',
      {
        docs: {
          path: 'docs',
          routeBasePath: 'docs',
          sidebarPath,
          lastVersion: 'current',
          versions: {
            current: { label: 'Current', banner: 'none', badge: false },
            'phase-1': { label: 'Phase 1 (Jan 2025)', banner: 'unmaintained' },
          },
          remarkPlugins,
          ...versionFilter,
        },
        blog: {
          path: 'reports',
          routeBasePath: 'reports',
          // Run pages (reports/runs/) are not blog posts: the benchmark-views plugin serves them (one route for all).
          exclude: [...GlobExcludeDefault, 'runs/**'],
          blogTitle: 'Reports',
          blogDescription: 'Weekly, benchmark and scale-test reports of the Sophia programme',
          // No sidebar listing every report on each report page: the reports index does that, and the column gets the width.
          blogSidebarCount: 0,
          // One compact line per report (src/theme/BlogListPage): the index lists them all, grouped by kind.
          postsPerPage: 'ALL',
          // No /reports/archive: its route props hold every post's full content, which at 10,000 stored runs
          // passes V8's longest string and stops the build (bench:history); /reports already lists them all.
          archiveBasePath: null,
          showReadingTime: false,
          onUntruncatedBlogPosts: 'ignore',
          onInlineAuthors: 'ignore',
          remarkPlugins,
          feedOptions: {
            // The feeds read each post's rendered page: only the part that renders /reports writes them.
            type: buildsPath(siteParts, '/reports') ? ['rss', 'atom'] : null,
            title: 'Sophia KB reports',
            description: 'Weekly, benchmark and scale-test reports',
            copyright: 'Sophia AI engineering',
            limit: 50,
          },
        },
        pages: { remarkPlugins },
        // The run pages' frame (benchmark-views) is not a page; the run pages are listed on each suite's history.
        sitemap: { ignorePatterns: ['/reports/runs/**'] },
        theme: { customCss: ['./src/css/custom.css', './src/css/report.css'] },
      } satisfies Preset.Options,
    ],
  ],
  plugins: [
    // Local plugins: one line each, added by the part that owns them.
    './src/plugins/adr-index/index.ts',
    './src/plugins/ai-readable/index.ts',
    './src/plugins/dashboards/index.ts',
    // KB_RUN_PAGES=routes: every run page a route of its own (the switch-off of the run page frame).
    [
      './src/plugins/benchmark-views/index.ts',
      { runPages: process.env.KB_RUN_PAGES === 'routes' ? 'routes' : 'frame' },
    ],
    './src/plugins/code-highlight/index.ts',
    [
      '@docusaurus/plugin-content-docs',
      {
        id: 'runbooks',
        path: 'runbooks',
        routeBasePath: 'runbooks',
        sidebarPath,
        lastVersion: 'current',
        versions: {
          current: { label: 'Current', banner: 'none', badge: false },
          'phase-1': { label: 'Phase 1 (Jan 2025)', banner: 'unmaintained' },
        },
        remarkPlugins,
        ...versionFilter,
      } satisfies DocsOptions,
    ],
    [
      '@docusaurus/plugin-content-docs',
      {
        id: 'adr',
        path: 'adr',
        routeBasePath: 'adr',
        sidebarPath,
        // More than 100 ADRs: collapsed groups by number (src/plugins/adr-index/sidebar.ts).
        sidebarItemsGenerator: adrSidebarItems,
        beforeDefaultRemarkPlugins: [remarkAdrBanner],
        remarkPlugins,
      } satisfies DocsOptions,
    ],
    // Search: Pagefind indexes the built pages (postBuild); the navbar box (src/theme/SearchBar) and /search load it on demand.
    './src/plugins/search/index.ts',
    './src/plugins/parts/index.ts',
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
    navbar: {
      title: 'Sophia KB',
      // Empty alt: the title next to it already says "Sophia KB" (axe image-redundant-alt); sized to avoid layout shift.
      logo: { alt: '', src: 'img/favicon.svg', width: 32, height: 32 },
      items: [
        { type: 'docSidebar', sidebarId: 'main', position: 'left', label: 'Handbook' },
        { type: 'docSidebar', sidebarId: 'main', docsPluginId: 'runbooks', position: 'left', label: 'Runbooks' },
        { type: 'docSidebar', sidebarId: 'main', docsPluginId: 'adr', position: 'left', label: 'Decisions' },
        { to: '/reports', label: 'Reports', position: 'left' },
        { to: '/dashboards', label: 'Dashboards', position: 'left' },
        // One menu for both versioned instances: the handbook's versions, then the runbooks' (old ones are not built with KB_CURRENT_ONLY).
        {
          type: 'docsVersionDropdown',
          position: 'right',
          dropdownItemsAfter: currentOnly
            ? []
            : [
                { type: 'html', value: '<hr style="margin: 0.3rem 0">' },
                { to: '/runbooks', label: 'Runbooks: Current' },
                { to: '/runbooks/phase-1', label: 'Runbooks: Phase 1 (Jan 2025)' },
              ],
        },
        { type: 'search', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Knowledge base',
          items: [
            { label: 'Handbook', to: '/docs' },
            { label: 'Runbooks', to: '/runbooks' },
            { label: 'Decisions', to: '/adr' },
          ],
        },
        {
          title: 'Reports',
          items: [
            { label: 'All reports', to: '/reports' },
            { label: 'RSS', href: 'pathname:///reports/rss.xml' },
            { label: 'Atom', href: 'pathname:///reports/atom.xml' },
          ],
        },
      ],
      copyright: 'Sophia AI engineering. Built with Docusaurus.',
    },
    prism,
  } satisfies Preset.ThemeConfig,
};

export default config;
