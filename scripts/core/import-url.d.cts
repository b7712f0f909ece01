/** import() of an ES module by its file URL (see import-url.cjs). */
declare function importUrl(url: string): Promise<unknown>;
export = importUrl;
