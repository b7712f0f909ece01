/**
 * Wraps theme-classic's CodeBlock to register the site's additional Prism
 * languages (themeConfig.prism.additionalLanguages) when the first code block
 * loads, instead of in a client module on every page (src/plugins/perf).
 */
import { Prism } from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import CodeBlock from '@theme-original/CodeBlock';

prismIncludeLanguages(Prism);

export default CodeBlock;
