/**
 * What makes the perf layer safe to upgrade past: it rewrites Docusaurus
 * internals (see README.md), so it runs only on the Docusaurus it was checked
 * against, and it can be switched off.
 */

/** The `@docusaurus/core` versions the layer's rewrites were checked against (major.minor; any patch). */
export const SUPPORTED_CORE = { major: 3, minor: 10 } as const;
export const SUPPORTED_RANGE = `${SUPPORTED_CORE.major}.${SUPPORTED_CORE.minor}.x`;

/**
 * `KB_PERF`: unset or `1` builds with the layer, `0` without (stock Docusaurus
 * client). Anything else is a mistake, reported in one line.
 */
export function perfLayerEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.KB_PERF;
  if (value === undefined || value === '' || value === '1') return true;
  if (value === '0') return false;
  throw new Error(
    `KB_PERF=${value}: use KB_PERF=0 to build without the perf layer, or leave it unset (or 1) to keep it`,
  );
}

/** The one-line reason the layer cannot run on `installed`, or undefined when it can. */
export function coreVersionProblem(installed: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.\d+$/.exec(installed); // a prerelease is not the release
  if (m && Number(m[1]) === SUPPORTED_CORE.major && Number(m[2]) === SUPPORTED_CORE.minor) return undefined;
  return (
    `perf (src/plugins/perf): @docusaurus/core ${installed} is installed, the perf layer supports ${SUPPORTED_RANGE} only; ` +
    `build without it with KB_PERF=0, or re-check its rewrites against ${installed} (src/plugins/perf/README.md, "Upgrading Docusaurus")`
  );
}
