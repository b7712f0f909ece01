// The reports feeds, fetched from the served build as a feed reader would.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, inject, it } from 'vitest';

const baseURL = inject('baseURL');

async function fetchFeed(path: string): Promise<{ xml: string; contentType: string }> {
  const response = await fetch(`${baseURL}${path}`);
  expect(response.status, `HTTP status of ${path}`).toBe(200);
  return { xml: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('report feeds', () => {
  it('/reports/rss.xml is valid RSS with at least one item', async () => {
    const { xml, contentType } = await fetchFeed('/reports/rss.xml');
    expect(contentType, 'content type of rss.xml').toMatch(/xml/);
    const valid = XMLValidator.validate(xml);
    expect(valid, `rss.xml is not well-formed XML: ${JSON.stringify(valid)}`).toBe(true);
    const feed = new XMLParser().parse(xml) as { rss?: { channel?: { title?: string; item?: unknown } } };
    expect(feed.rss?.channel?.title, 'rss.xml has no <channel><title>').toBeTruthy();
    const items = asArray(feed.rss?.channel?.item) as { title?: string; link?: string }[];
    expect(items.length, 'rss.xml has no <item>').toBeGreaterThan(0);
    expect(items[0]?.title && items[0]?.link, 'the first RSS item lacks a title or link').toBeTruthy();
  });

  it('/reports/atom.xml is valid Atom with at least one entry', async () => {
    const { xml, contentType } = await fetchFeed('/reports/atom.xml');
    expect(contentType, 'content type of atom.xml').toMatch(/xml/);
    const valid = XMLValidator.validate(xml);
    expect(valid, `atom.xml is not well-formed XML: ${JSON.stringify(valid)}`).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      feed?: { '@_xmlns'?: string; entry?: unknown };
    };
    expect(feed.feed?.['@_xmlns'], 'atom.xml root is not an Atom <feed>').toBe('http://www.w3.org/2005/Atom');
    expect(asArray(feed.feed?.entry).length, 'atom.xml has no <entry>').toBeGreaterThan(0);
  });
});
