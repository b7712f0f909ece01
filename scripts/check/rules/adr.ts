import { inverseLinkType, type AdrLinkType } from '../../adr/schema.ts';
import { numberOfFile } from '../../adr/numbering.ts';
import { finding, type Finding } from '../findings.ts';
import { lineOfKey, type CheckDocument } from '../load.ts';
import { stripNumberPrefix } from '../../core/routes.ts';
import { isAdrRecord } from './front-matter.ts';

interface AdrEntry {
  doc: CheckDocument;
  number: number;
  status: string | undefined;
  supersedes: number[];
  supersededBy: number | undefined;
  links: { type: string; target: number }[];
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

function toRecord(doc: CheckDocument): AdrEntry {
  const fm = doc.frontMatter;
  const fileNumber = numberOfFile(doc.path.slice(4))!;
  const links = Array.isArray(fm.links)
    ? fm.links.filter(
        (l): l is { type: string; target: number } =>
          typeof l === 'object' && l !== null && positiveInt((l as { target?: unknown }).target),
      )
    : [];
  return {
    doc,
    number: positiveInt(fm.adr) ? fm.adr : fileNumber,
    status: typeof fm.status === 'string' ? fm.status : undefined,
    supersedes: Array.isArray(fm.supersedes) ? fm.supersedes.filter(positiveInt) : [],
    supersededBy: positiveInt(fm['superseded-by']) ? fm['superseded-by'] : undefined,
    links,
  };
}

/**
 * Integrity of the decision log as a whole: numbers and Docusaurus ids are
 * unique, supersedes / superseded-by are symmetric, links name existing
 * records (and carry their inverse), statuses agree with the lifecycle.
 * Types are the front-matter rule's job; this reads what is usable.
 */
export function checkAdrs(documents: readonly CheckDocument[]): Finding[] {
  const findings: Finding[] = [];
  const records = documents.filter(isAdrRecord).map(toRecord);
  const byNumber = new Map<number, AdrEntry[]>();
  const byId = new Map<string, AdrEntry[]>();
  for (const r of records) {
    const fileNumber = numberOfFile(r.doc.path.slice(4))!;
    if (positiveInt(r.doc.frontMatter.adr) && r.doc.frontMatter.adr !== fileNumber) {
      findings.push(
        finding(
          r.doc.path,
          lineOfKey(r.doc, 'adr'),
          'adr-number',
          'error',
          `front matter says adr ${r.doc.frontMatter.adr} but the file name says ${fileNumber}`,
          'run kb adr renumber, or make the two agree',
        ),
      );
    }
    byNumber.set(r.number, [...(byNumber.get(r.number) ?? []), r]);
    const fmId = r.doc.frontMatter.id;
    const id = typeof fmId === 'string' ? fmId : stripNumberPrefix(r.doc.path.slice(4).replace(/\.mdx?$/, ''));
    byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  for (const [number, same] of byNumber) {
    if (same.length < 2) continue;
    for (const r of same) {
      const others = same
        .filter((o) => o !== r)
        .map((o) => o.doc.path)
        .join(', ');
      findings.push(
        finding(
          r.doc.path,
          lineOfKey(r.doc, 'adr'),
          'adr-number',
          'error',
          `ADR number ${number} is also used by ${others}`,
          'run kb adr renumber to give the later record a free number',
        ),
      );
    }
  }
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    for (const r of same) {
      const others = same
        .filter((o) => o !== r)
        .map((o) => o.doc.path)
        .join(', ');
      findings.push(
        finding(
          r.doc.path,
          1,
          'adr-id',
          'error',
          `page id "${id}" (URL /adr/${id}) is also the id of ${others}`,
          'give one record a different slug in its file name',
        ),
      );
    }
  }
  const one = (n: number) => {
    const found = byNumber.get(n);
    return found && found.length === 1 ? found[0] : found?.[0];
  };
  for (const r of records) {
    const { doc } = r;
    for (const n of r.supersedes) {
      const target = one(n);
      const line = lineOfKey(doc, 'supersedes');
      if (n === r.number) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-supersedes',
            'error',
            `ADR ${n} supersedes itself`,
            'remove its own number from supersedes',
          ),
        );
      } else if (!target) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-link',
            'error',
            `supersedes ADR ${n}, which does not exist`,
            'fix the number or remove it from supersedes',
          ),
        );
      } else if (target.supersededBy !== r.number) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-supersedes',
            'error',
            `supersedes ADR ${n}, but ${target.doc.path} has superseded-by ${target.supersededBy ?? '(none)'}`,
            `run kb adr supersede ${n} ${r.number}, or set superseded-by: ${r.number} and status: superseded there`,
          ),
        );
      } else if (r.status === 'rejected') {
        findings.push(
          finding(
            doc.path,
            lineOfKey(doc, 'status'),
            'adr-status',
            'error',
            `a rejected record cannot supersede ADR ${n}`,
            `restore ADR ${n} (status accepted, no superseded-by) or accept this record`,
          ),
        );
      } else if (r.status === 'proposed') {
        findings.push(
          finding(
            doc.path,
            lineOfKey(doc, 'status'),
            'adr-status',
            'warning',
            `ADR ${n} is already superseded by this record, which is only proposed`,
            'accept this record (kb adr status N accepted) or restore the old one',
          ),
        );
      }
    }
    if (r.supersededBy !== undefined) {
      const line = lineOfKey(doc, 'superseded-by');
      const successor = one(r.supersededBy);
      if (r.supersededBy === r.number) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-supersedes',
            'error',
            `ADR ${r.number} is superseded by itself`,
            'name the record that replaced it',
          ),
        );
      } else if (!successor) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-link',
            'error',
            `superseded-by ADR ${r.supersededBy}, which does not exist`,
            'fix the number or remove superseded-by',
          ),
        );
      } else if (!successor.supersedes.includes(r.number)) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-supersedes',
            'error',
            `superseded-by ADR ${r.supersededBy}, but ${successor.doc.path} does not list ${r.number} in supersedes`,
            `add ${r.number} to supersedes in ${successor.doc.path}`,
          ),
        );
      }
      if (r.status !== undefined && r.status !== 'superseded') {
        findings.push(
          finding(
            doc.path,
            lineOfKey(doc, 'status'),
            'adr-status',
            'error',
            `status is ${r.status} but the record is superseded-by ADR ${r.supersededBy}`,
            'set status: superseded (kb adr supersede sets both)',
          ),
        );
      }
    } else if (r.status === 'superseded') {
      findings.push(
        finding(
          doc.path,
          lineOfKey(doc, 'status'),
          'adr-status',
          'error',
          'status is superseded but no record is named in superseded-by',
          'add superseded-by: N (kb adr supersede OLD NEW sets both)',
        ),
      );
    }
    for (const link of r.links) {
      const target = one(link.target);
      const line = lineOfKey(doc, 'links');
      if (!target) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-link',
            'error',
            `${link.type} ADR ${link.target}, which does not exist`,
            'fix the target number or remove the link',
          ),
        );
        continue;
      }
      const inverse = inverseLinkType[link.type as AdrLinkType];
      if (inverse && !target.links.some((l) => l.target === r.number && l.type === inverse)) {
        findings.push(
          finding(
            doc.path,
            line,
            'adr-link',
            'warning',
            `${link.type} ADR ${link.target}, but ${target.doc.path} has no ${inverse} link back`,
            `add {type: ${inverse}, target: ${r.number}} to links in ${target.doc.path}`,
          ),
        );
      }
    }
  }
  return findings;
}
