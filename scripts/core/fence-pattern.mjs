// The front matter fence as plain JavaScript, so the build's writer threads (which start without a
// TypeScript loader) cut front matter with the same pattern as the rest of kb: see fence.ts.

/** Matches a front matter block at the start of a file; group 1 is the YAML. */
export const frontMatterFence = /^---\r?\n(?:([\s\S]*?)\r?\n)?---\r?\n?/;
