/**
 * /search?q=…&section=…&version=…: full search results with section filters
 * and a version choice (current by default, so cut versions don't crowd the
 * results). The layout is reserved before results arrive (fixed filter bar
 * and status line, a results area as tall as the viewport), so they cause no
 * layout shift. The URL follows what the reader types.
 */
import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import Head from '@docusaurus/Head';
import Link from '@docusaurus/Link';
import { useHistory, useLocation } from '@docusaurus/router';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useVersions } from '@docusaurus/plugin-content-docs/client';
import Excerpt from '@site/src/components/Search/Excerpt';
import {
  DEV_SERVER_MESSAGE,
  INDEX_SCRIPT,
  IS_DEV_SERVER,
  loadPagefind,
  partIndexPaths,
  searchPageUrl,
  SECTIONS,
  toHit,
  type PagefindResponse,
  type SearchHit,
} from '@site/src/components/Search/pagefind';
import styles from './search.module.css';
import { relaxedSearch } from '../components/Search/relaxed';

const PAGE_SIZE = 10;

interface Results {
  query: string;
  hits: SearchHit[];
  total: number;
  /** Results per section for the query in this version, whatever section is chosen. */
  bySection: Record<string, number>;
}

type Status = 'idle' | 'loading' | 'done' | 'error';

function readParams(search: string) {
  const params = new URLSearchParams(search);
  const section = params.get('section') ?? '';
  return {
    query: params.get('q') ?? '',
    section: (SECTIONS as readonly string[]).includes(section) ? section : '',
    version: params.get('version') ?? 'current',
  };
}

function SearchResults(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const baseUrl = siteConfig.baseUrl;
  // A site built as parts: the other parts' indexes, merged into every search (src/plugins/parts).
  const mergePaths = partIndexPaths(siteConfig.customFields);
  const location = useLocation();
  const history = useHistory();
  const versions = useVersions(undefined);
  // The URL is only known in the browser: start empty (as the static HTML does), then read it.
  const [query, setQuery] = useState('');
  const [section, setSection] = useState('');
  const [version, setVersion] = useState('current');
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState<Status>('idle');
  const [results, setResults] = useState<Results | undefined>();
  const [shown, setShown] = useState(PAGE_SIZE);
  const latest = useRef(0);
  // Results past the first page: their excerpts are loaded when asked for ("More results").
  const pendingRest = useRef<PagefindResponse['results']>([]);

  useEffect(() => {
    const params = readParams(location.search);
    setQuery(params.query);
    setSection(params.section);
    setVersion(params.version);
    setReady(true);
    // Only on arrival: afterwards the URL follows the state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!ready) return;
    const url = searchPageUrl(baseUrl, query, version, section || undefined);
    if (url !== `${location.pathname}${location.search}`) history.replace(url);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, query, section, version]);

  useEffect(() => {
    if (!ready) return;
    const run = ++latest.current;
    const term = query.trim();
    setShown(PAGE_SIZE);
    if (!term) {
      setStatus('idle');
      setResults(undefined);
      return;
    }
    if (IS_DEV_SERVER) {
      setStatus('error');
      return;
    }
    setStatus('loading');
    (async () => {
      const pagefind = await loadPagefind(baseUrl, mergePaths);
      const options = { filters: { version } };
      // The query the page arrived with runs at once; typing is debounced.
      const exact =
        run === 1 ? await pagefind.search(term, options) : await pagefind.debouncedSearch(term, options, 150);
      if (!exact || run !== latest.current) return;
      // Fewer than three pages hold every word: search the words and their synonyms too.
      const inVersion = await relaxedSearch(pagefind, term, options, exact);
      if (run !== latest.current) return;
      const found = section ? await relaxedSearch(pagefind, term, { filters: { version, section } }) : inVersion;
      const hits = await Promise.all(found.results.slice(0, PAGE_SIZE).map(async (r) => toHit(await r.data())));
      if (run !== latest.current) return;
      pendingRest.current = found.results.slice(PAGE_SIZE);
      // A transition: React renders the result list in slices, not in one long task (issue 7: mobile TBT).
      startTransition(() => {
        setResults({ query: term, hits, total: found.results.length, bySection: inVersion.filters.section ?? {} });
        setStatus('done');
      });
    })().catch(() => {
      if (run === latest.current) setStatus('error');
    });
  }, [ready, query, section, version, baseUrl]);

  async function showMore(): Promise<void> {
    const run = latest.current;
    const next = pendingRest.current.slice(0, PAGE_SIZE);
    const hits = await Promise.all(next.map(async (r) => toHit(await r.data())));
    if (run !== latest.current) return;
    pendingRest.current = pendingRest.current.slice(PAGE_SIZE);
    setResults((r) => (r ? { ...r, hits: [...r.hits, ...hits] } : r));
    setShown((n) => n + PAGE_SIZE);
  }

  const total = results ? Object.values(results.bySection).reduce((a, b) => a + b, 0) : undefined;
  const statusText =
    status === 'idle'
      ? 'Type to search the handbook, runbooks, decisions and reports.'
      : status === 'error'
        ? IS_DEV_SERVER
          ? DEV_SERVER_MESSAGE
          : 'Search is unavailable: its index could not be loaded.'
        : !results
          ? 'Searching…'
          : results.total === 0
            ? `No results for “${results.query}”${section ? ` in ${section}` : ''}.`
            : `${results.total} result${results.total === 1 ? '' : 's'} for “${results.query}”${section ? ` in ${section}` : ''}`;

  return (
    <>
      <form role="search" className={styles.form} onSubmit={(event) => event.preventDefault()}>
        <input
          type="search"
          name="q"
          className={styles.input}
          aria-label="Search the knowledge base"
          placeholder="Search the knowledge base"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className={styles.version}>
          <span>Version</span>
          <select value={version} onChange={(event) => setVersion(event.target.value)}>
            {versions.map((v) => (
              <option key={v.name} value={v.name}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className={styles.sections} role="group" aria-label="Section">
        {['', ...SECTIONS].map((name) => {
          const count = name ? results?.bySection[name] : total;
          return (
            <button
              key={name || 'all'}
              type="button"
              className={styles.chip}
              aria-pressed={section === name}
              onClick={() => setSection(name)}
            >
              {name || 'All'}
              <span className={styles.count}>{count ?? ''}</span>
            </button>
          );
        })}
      </div>
      <p className={styles.status} role="status" aria-busy={status === 'loading'}>
        {statusText}
      </p>
      <ol className={styles.results} data-status={status} aria-label="Search results">
        {results?.hits.slice(0, shown).map((hit) => (
          <li key={hit.url} className={styles.result} data-section={hit.section}>
            <h2 className={styles.title}>
              <Link to={hit.url}>{hit.title}</Link>
            </h2>
            <p className={styles.meta}>
              {hit.section} · <span className={styles.url}>{hit.url}</span>
            </p>
            <p className={styles.excerpt}>
              <Excerpt html={hit.excerpt} />
            </p>
          </li>
        ))}
        {results && results.hits.length < results.total && (
          <li className={styles.more}>
            <button type="button" className="button button--secondary" onClick={() => void showMore()}>
              More results
            </button>
          </li>
        )}
      </ol>
    </>
  );
}

/**
 * This page always searches, so it asks for Pagefind's script from its
 * <head>, in parallel with the page's own scripts instead of after them: the
 * results are the page's largest paint. Only the script: Pagefind fetches
 * its entry file with a cache-busting query and its WebAssembly from a
 * worker, so preloads of those would be downloaded twice.
 */
function PagefindPreload(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  if (IS_DEV_SERVER) return null;
  return (
    <Head>
      <link rel="modulepreload" href={`${siteConfig.baseUrl}${INDEX_SCRIPT}`} />
    </Head>
  );
}

export default function SearchPage(): ReactNode {
  return (
    <Layout title="Search" description="Search the Sophia KB: handbook, runbooks, decisions and reports">
      <PagefindPreload />
      <main className={`container margin-vert--lg ${styles.page}`}>
        <h1>Search</h1>
        <SearchResults />
      </main>
    </Layout>
  );
}
