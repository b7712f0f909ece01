import path from 'node:path';
import { defineCommand } from 'citty';
import { runKbMcpServer } from '../../ai/mcp-server.ts';

export default defineCommand({
  meta: {
    name: 'mcp',
    description: 'Serve the knowledge base to AI assistants: a Model Context Protocol server over stdio (tools search, list_documents, get_document, list_adrs, slo_status; documents as kb://doc/<id> resources)',
  },
  args: {
    root: { type: 'string', description: 'knowledge base root (default: the current directory)' },
  },
  async run({ args }) {
    // stdout carries the protocol: everything else goes to stderr.
    const root = path.resolve(process.env.KB_CWD ?? process.cwd(), args.root ? String(args.root) : '.');
    await runKbMcpServer({ root });
  },
});
