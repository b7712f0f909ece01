import type { ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';

export default function Home(): ReactNode {
  return (
    <Layout title="Home" description="Sophia KB">
      <main className="container margin-vert--lg">
        <h1>Sophia KB</h1>
        <p>
          <Link to="/docs">Handbook</Link>
        </p>
      </main>
    </Layout>
  );
}
