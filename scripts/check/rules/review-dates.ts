import { reviewDateOf, todayOf } from '../../core/dates.ts';
import { finding, type Finding } from '../findings.ts';
import { lineOfKey, type CheckDocument } from '../load.ts';

export interface ReviewOptions {
  /** Kinds that must carry `review-by` (runbooks and playbooks). */
  reviewedKinds: ReadonlySet<string>;
  /** Today, injected; compared as a UTC calendar date. */
  now: Date;
}

// Shared with the site's dashboards: scripts/core/dates.ts.
export { reviewDateOf, todayOf } from '../../core/dates.ts';

/**
 * Runbooks and playbooks carry a review date. A missing one is an error once
 * published (a warning in review, fine in a draft); a date in the past is a
 * warning: the page still works, but its owner should re-read it. (`owner` is
 * required of every catalog document, so the front-matter rule reports it.)
 */
export function checkReviewDates(documents: readonly CheckDocument[], options: ReviewOptions): Finding[] {
  const findings: Finding[] = [];
  const today = todayOf(options.now);
  for (const doc of documents) {
    const kind = doc.frontMatter.kind;
    if (typeof kind !== 'string' || !options.reviewedKinds.has(kind)) continue;
    const status = doc.frontMatter.status;
    const missingSeverity = status === 'published' ? 'error' : status === 'review' ? 'warning' : undefined;
    const raw = doc.frontMatter['review-by'];
    const date = reviewDateOf(raw);
    if (raw === undefined || raw === null || raw === '') {
      if (missingSeverity) {
        findings.push(
          finding(
            doc.path,
            lineOfKey(doc, 'review-by'),
            'review-missing',
            missingSeverity,
            `${status} ${kind} has no review-by date`,
            'add `review-by: YYYY-MM-DD` (when it must next be re-read) to the front matter',
          ),
        );
      }
    } else if (date && date < today) {
      findings.push(
        finding(
          doc.path,
          lineOfKey(doc, 'review-by'),
          'review-overdue',
          'warning',
          `review was due on ${date}`,
          `re-read the ${kind}, then move review-by to a future date`,
        ),
      );
    }
  }
  return findings;
}
