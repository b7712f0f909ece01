import { defineCommand } from 'citty';
import { runKbMcpServer } from '../../ai/mcp-server.ts';
import { findProjectRoot, workingDirectory } from '../../core/project.ts';

export default defineCommand({
  meta: {
    name: 'mcp',
    description:
      'Serve the knowledge base to AI assistants: a Model Context Protocol server over stdio (tools search, list_documents, get_document, list_adrs, slo_status; documents as kb://doc/<id> resources)',
  },
  args: {
    root: { type: 'string', description: 'knowledge base root (default: nearest folder with docusaurus.config.ts)' },
  },
  async run({ args }) {
    // stdout carries the protocol: everything else goes to stderr.
    const root = findProjectRoot(workingDirectory(), args.root);
    await runKbMcpServer({ root });
  },
});
