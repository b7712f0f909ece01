import { type ReactNode, useEffect, useState } from 'react';
import Head from '@docusaurus/Head';
import useBaseUrl from '@docusaurus/useBaseUrl';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import { type BenchmarkViewData, VIEW_ARTICLE_TOKEN } from '../../plugins/benchmark-views/types';

/** The body the server sent for this view, when the page is this view's: read before React hydrates. */
function fromDocument(root: ParentNode, url: string): string | undefined {
  const el = root.querySelector<HTMLElement>('#kb-view');
  return el && el.dataset.url === url ? el.innerHTML : undefined;
}

/**
 * One build-time benchmark view (suite history, scale test, weekly baseline,
 * scorecard, index). The body is HTML made at build time from Markdown whose
 * tool text is escaped, with inline SVG charts: no chart code in the browser.
 *
 * A suite history's body is not in its route data in a production build (VIEW_ARTICLE_TOKEN, see
 * src/plugins/benchmark-views/types.ts): the built page holds it. Opened directly, it is kept as the
 * server sent it; reached from another page of the site, the built page is fetched and its body shown.
 */
export default function BenchmarkView({ data }: { data: BenchmarkViewData }): ReactNode {
  const framed = data.html === VIEW_ARTICLE_TOKEN;
  // The server render (the build) writes the placeholder, which postBuild replaces with the body.
  const [html, setHtml] = useState<string | undefined>(() =>
    !framed || typeof document === 'undefined' ? data.html : fromDocument(document, data.url),
  );
  const [missing, setMissing] = useState(false);
  const pageUrl = useBaseUrl(data.url);
  useEffect(() => {
    if (!framed) {
      setHtml(data.html);
      return;
    }
    const found = fromDocument(document, data.url);
    if (found !== undefined) {
      setHtml(found);
      return;
    }
    let live = true;
    setHtml(undefined);
    setMissing(false);
    fetch(pageUrl)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const body = fromDocument(new DOMParser().parseFromString(await response.text(), 'text/html'), data.url);
        if (body === undefined) throw new Error('no body');
        if (live) setHtml(body);
      })
      .catch(() => {
        if (live) setMissing(true);
      });
    return () => {
      live = false;
    };
  }, [framed, data.html, data.url, pageUrl]);

  return (
    <Layout title={data.title} description={data.description}>
      <Head>
        {/* The kind on <html>: the search plugin leaves per-suite history pages (tables of run ids) out of site search. */}
        <html className={`kb-view-${data.kind}`} />
      </Head>
      <main className="container margin-vert--lg">
        <article className="kb-benchmark-view">
          <header>
            <Heading as="h1">{data.title}</Heading>
            {data.date ? (
              <p>
                <time dateTime={data.date}>{data.date}</time> · built from <code>benchmarks/</code>
              </p>
            ) : null}
          </header>
          {html === undefined ? (
            <p aria-busy={!missing}>{missing ? 'This page could not be loaded: reload to try again.' : 'Loading…'}</p>
          ) : (
            <div className="markdown" id="kb-view" data-url={data.url} dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </article>
      </main>
    </Layout>
  );
}
