import type { ReactNode } from 'react';
import Head from '@docusaurus/Head';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { BenchmarkViewData } from '../../plugins/benchmark-views/types';

/**
 * One build-time benchmark view (suite history, scale test, weekly baseline,
 * scorecard, index). The body is HTML made at build time from Markdown whose
 * tool text is escaped, with inline SVG charts: no chart code in the browser.
 */
export default function BenchmarkView({ data }: { data: BenchmarkViewData }): ReactNode {
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
          <div className="markdown" dangerouslySetInnerHTML={{ __html: data.html }} />
        </article>
      </main>
    </Layout>
  );
}
