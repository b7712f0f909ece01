/**
 * The navbar search box (replaces theme-classic's @theme/SearchBar). It costs
 * nothing at page load: Pagefind and its index are fetched when the box is
 * first focused. Ctrl/Cmd+K focuses it; ↑/↓ pick a result, Enter opens it (or
 * the /search page), Esc closes the list. It searches the docs version the
 * reader is browsing (ADRs and reports are in every version).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useHistory, useLocation } from '@docusaurus/router';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Excerpt from '@site/src/components/Search/Excerpt';
import {
  browsingVersion,
  DEV_SERVER_MESSAGE,
  IS_DEV_SERVER,
  loadPagefind,
  partIndexPaths,
  searchPageUrl,
  toHit,
  type SearchHit,
} from '@site/src/components/Search/pagefind';
import styles from './styles.module.css';
import { relaxedSearch } from '../../components/Search/relaxed';

const MAX_SUGGESTIONS = 8;

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'results'; hits: SearchHit[]; total: number }
  | { status: 'message'; text: string };

export default function SearchBar(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const baseUrl = siteConfig.baseUrl;
  // A site built as parts: the other parts' indexes, merged into every search (src/plugins/parts).
  const mergePaths = partIndexPaths(siteConfig.customFields);
  const history = useHistory();
  const location = useLocation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(0);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ status: 'idle' });
  const [active, setActive] = useState(-1);
  const [shortcut, setShortcut] = useState('Ctrl K');

  useEffect(() => {
    if (/Mac|iPhone|iPad/.test(navigator.platform)) setShortcut('⌘ K');
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  // A result was opened (or the reader navigated): close the list.
  useEffect(() => setOpen(false), [location.pathname]);

  const version = () => browsingVersion(document.documentElement.className);

  function warmUp(): void {
    if (!IS_DEV_SERVER) loadPagefind(baseUrl, mergePaths).catch(() => undefined);
  }

  async function runSearch(term: string): Promise<void> {
    const run = ++latest.current;
    if (!term.trim()) return setState({ status: 'idle' });
    if (IS_DEV_SERVER) return setState({ status: 'message', text: DEV_SERVER_MESSAGE });
    setState((s) => (s.status === 'results' ? s : { status: 'loading' }));
    try {
      const pagefind = await loadPagefind(baseUrl, mergePaths);
      const options = { filters: { version: version() } };
      // Fetch the index chunks for the term while the debounce waits.
      void pagefind.preload(term, options);
      const exact = await pagefind.debouncedSearch(term, options, 120);
      if (!exact || run !== latest.current) return;
      // Fewer than three pages hold every word: search the words and their synonyms too.
      const found = await relaxedSearch(pagefind, term, options, exact);
      if (run !== latest.current) return;
      const data = await Promise.all(found.results.slice(0, MAX_SUGGESTIONS).map((r) => r.data()));
      if (run !== latest.current) return;
      setState({ status: 'results', hits: data.map(toHit), total: found.results.length });
      setActive(data.length > 0 ? 0 : -1);
    } catch {
      if (run === latest.current)
        setState({ status: 'message', text: 'Search is unavailable: its index could not be loaded.' });
    }
  }

  const hits = state.status === 'results' ? state.hits : [];
  const allResults = searchPageUrl(baseUrl, query.trim(), typeof document === 'undefined' ? 'current' : version());

  function go(url: string): void {
    setOpen(false);
    input.current?.blur();
    history.push(url);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = open ? hits[active] : undefined;
      if (hit) go(hit.url);
      else if (query.trim()) go(allResults);
    } else if (event.key === 'Escape') {
      // Chromium clears a type=search input on Esc: keep the query, close the list (then leave the box).
      event.preventDefault();
      if (open) setOpen(false);
      else input.current?.blur();
    }
  }

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const expanded = open && query.trim() !== '' && state.status !== 'idle';

  return (
    <div
      ref={box}
      className={styles.box}
      role="search"
      onBlur={(event) => {
        if (!box.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <input
        ref={input}
        type="search"
        className={`navbar__search-input ${styles.input}`}
        placeholder="Search"
        aria-label="Search the knowledge base"
        aria-keyshortcuts="Control+K Meta+K"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 && hits[active] ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onFocus={() => {
          warmUp();
          setOpen(true);
        }}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          void runSearch(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      {!query && (
        <kbd className={styles.shortcut} aria-hidden="true">
          {shortcut}
        </kbd>
      )}
      {expanded && (
        // Clicks inside the panel must not blur the input before the link handles them.
        <div className={styles.panel} onMouseDown={(event) => event.preventDefault()}>
          <ul id={listId} role="listbox" aria-label="Search suggestions" className={styles.list}>
            {hits.map((hit, i) => (
              <li
                key={hit.url}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={styles.option}
                onMouseEnter={() => setActive(i)}
              >
                <Link to={hit.url} className={styles.link} tabIndex={-1} onClick={() => setOpen(false)}>
                  <span className={styles.title}>{hit.title}</span>
                  {hit.section && <span className={styles.section}>{hit.section}</span>}
                  <Excerpt html={hit.excerpt} className={styles.excerpt} />
                </Link>
              </li>
            ))}
          </ul>
          <p className={styles.status} role="status">
            {state.status === 'loading' && 'Searching…'}
            {state.status === 'message' && state.text}
            {state.status === 'results' &&
              (state.total === 0
                ? `No results for “${query.trim()}”.`
                : `${state.total} result${state.total === 1 ? '' : 's'}`)}
          </p>
          {state.status === 'results' && state.total > 0 && (
            <Link to={allResults} className={styles.all} onClick={() => setOpen(false)}>
              See all results
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
