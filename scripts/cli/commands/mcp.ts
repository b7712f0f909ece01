import { runKbMcpServer } from '../../ai/mcp-server.ts';
import { common, defineKbCommand } from '../args.ts';

export default defineKbCommand({
  meta: {
    name: 'mcp',
    description:
      'Serve the knowledge base to AI assistants: a Model Context Protocol server over stdio (tools search, list_documents, get_document, list_adrs, slo_status; documents as kb://doc/<id> resources)',
  },
  args: { root: common.root },
  async run({ root }) {
    // stdout carries the protocol: everything else goes to stderr.
    await runKbMcpServer({ root: root() });
  },
});
