import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import styles from './styles.module.css';

export interface HomeCard {
  title: string;
  to: string;
  text: string;
}

/** The home page's "where to go" grid: plain links, no client-side state. */
export default function HomeCards({ cards }: { cards: readonly HomeCard[] }): ReactNode {
  return (
    <div className={styles.grid}>
      {cards.map((card) => (
        <div key={card.to} className={styles.item}>
          <Link className={styles.card} to={card.to}>
            <span className={styles.title}>{card.title}</span>
            <span className={styles.text}>{card.text}</span>
          </Link>
        </div>
      ))}
    </div>
  );
}
