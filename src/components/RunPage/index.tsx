import { type ReactNode, useEffect, useState } from 'react';
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import Layout from '@theme/Layout';
import { FRAME_TOKENS, parseRunPageHtml } from '../../../scripts/report/run-page-format';

/**
 * One run's report page, `/reports/runs/<id>` (see src/plugins/benchmark-views/run-pages.ts).
 * The article is HTML written by `kb ingest`, tool text escaped, charts inline.
 * - Opened directly: the built page already holds the article; it is kept as it is.
 * - Reached from another page of the site: the built page is fetched and its article shown.
 * - In the build's frame (`:run`) and with `KB_RUN_PAGES=routes` (data): as given.
 */
interface Shown {
  id: string;
  title: string;
  description: string;
  html: string;
}

export interface RunPageProps {
  match: { params: { run?: string } };
  /** KB_RUN_PAGES=routes: the page's own data module. */
  data?: Shown;
}

/** What the frame holds where each run's text goes; the build puts the run's in (run-pages.ts). */
const FRAME: Shown = {
  id: FRAME_TOKENS.id,
  title: FRAME_TOKENS.title,
  description: FRAME_TOKENS.description,
  html: FRAME_TOKENS.article,
};
const FRAME_PARAM = ':run';

/** The article the server sent, when it is this run's: read before React hydrates, so nothing is redrawn. */
function fromDocument(root: ParentNode, id: string): Shown | undefined {
  const el = root.querySelector<HTMLElement>('#kb-run');
  if (!el || el.dataset.run !== id) return undefined;
  return { id, title: el.dataset.title ?? id, description: el.dataset.description ?? '', html: el.innerHTML };
}

function initial(id: string, data: Shown | undefined): Shown | undefined {
  if (data) return data;
  if (id === FRAME.id) return FRAME;
  return typeof document === 'undefined' ? undefined : fromDocument(document, id);
}

export default function RunPage({ match, data }: RunPageProps): ReactNode {
  const param = data?.id ?? match.params.run ?? '';
  // The frame stands for every run: its id is the placeholder the build replaces.
  const id = param === FRAME_PARAM ? FRAME.id : param;
  const [shown, setShown] = useState<Shown | undefined>(() => initial(id, data));
  const [missing, setMissing] = useState(false);
  // `npm start` has no built pages: the dev server serves the stored files under /__kb/runs/ (index.ts).
  const pageUrl = useBaseUrl(
    process.env.NODE_ENV === 'development'
      ? `/__kb/runs/${encodeURIComponent(id)}.html`
      : `/reports/runs/${encodeURIComponent(id)}`,
  );
  useEffect(() => {
    if (shown?.id === id) return;
    const found = initial(id, data);
    if (found) {
      setShown(found);
      return;
    }
    let live = true;
    setMissing(false);
    fetch(pageUrl)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const text = await response.text();
        const stored = parseRunPageHtml(text);
        const page = stored
          ? {
              id,
              title: stored.meta.frontMatter.title,
              description: stored.meta.frontMatter.description,
              html: stored.article,
            }
          : fromDocument(new DOMParser().parseFromString(text, 'text/html'), id);
        if (!page) throw new Error('no article');
        if (live) setShown(page);
      })
      .catch(() => {
        if (live) setMissing(true);
      });
    return () => {
      live = false;
    };
  }, [id, data, shown?.id, pageUrl]);

  if (!shown || shown.id !== id)
    return (
      <Layout title={missing ? 'Run not found' : `Run ${id}`}>
        <main className="container margin-vert--lg">
          <article className="kb-benchmark-view kb-run-page" aria-busy={!missing}>
            <h1>{missing ? 'Run not found' : `Run ${id}`}</h1>
            <p>
              {missing ? (
                <>
                  No report page of a run <code>{id}</code> is stored. Every stored run is listed on its suite's
                  history: <Link to="/reports/benchmarks">Benchmark suites</Link>.
                </>
              ) : (
                'Loading the run’s report…'
              )}
            </p>
          </article>
        </main>
      </Layout>
    );
  return (
    <Layout title={shown.title} description={shown.description}>
      <main className="container margin-vert--lg">
        <article
          className="kb-benchmark-view kb-run-page"
          id="kb-run"
          data-run={shown.id}
          data-title={shown.title}
          data-description={shown.description}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: written by kb ingest from escaped text and svg.ts charts
          dangerouslySetInnerHTML={{ __html: shown.html }}
        />
      </main>
    </Layout>
  );
}
