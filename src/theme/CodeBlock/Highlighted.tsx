/**
 * theme-classic's CodeBlock, with the site's additional Prism languages
 * (themeConfig.prism.additionalLanguages) registered when this chunk first
 * loads. index.tsx loads it lazily: Prism is fetched and run only by pages
 * that have a code block (src/plugins/perf).
 */
import { Prism } from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import CodeBlock from '@theme-original/CodeBlock';

prismIncludeLanguages(Prism);

export default CodeBlock;
