/**
 * Runs Debian's nginx with deploy/nginx.conf on a loopback port, from a
 * temporary prefix, for the browser tests (e2e/support/global-setup.ts) and
 * `npm run bench:serve`. deploy/nginx.conf is used as the Dockerfile uses it;
 * only its `listen` and `root` lines are replaced (renderSiteConf), and a
 * small main configuration around it stands in for /etc/nginx/nginx.conf.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP_HASH_FILE, describeSummary, isPrepared, prepareSite } from './prepare.ts';

export const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
export const NGINX_CONF = path.join(DEPLOY_DIR, 'nginx.conf');
export const NGINX_BIN = process.env.KB_NGINX ?? '/usr/sbin/nginx';
export const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
/** Where the site configuration and its CSP include go, relative to nginx's conf folder (as in the Dockerfile). */
export const SITE_CONF_NAME = 'sophia-kb.conf';
export const CSP_INCLUDE_NAME = 'sophia-kb/csp-script-hashes.conf';

const LISTEN_LINE = /^(\s*)listen 8080;$/m;
const ROOT_LINE = /^(\s*)root \/usr\/share\/nginx\/html;$/m;

/** deploy/nginx.conf with its `listen` and `root` lines pointed at a loopback port and a build folder. */
export function renderSiteConf(conf: string, options: { port: number; root: string }): string {
  for (const [name, line] of [
    ['listen 8080;', LISTEN_LINE],
    ['root /usr/share/nginx/html;', ROOT_LINE],
  ] as const) {
    const count = conf.split('\n').filter((l) => new RegExp(line.source).test(l)).length;
    if (count !== 1) {
      throw new Error(
        `deploy/nginx.conf: expected exactly one \`${name}\` line (found ${count}) — deploy/nginx.ts replaces it`,
      );
    }
  }
  if (/["';{}\s]/.test(options.root)) throw new Error(`${options.root}: nginx root must not contain spaces or quotes`);
  return conf.replace(LISTEN_LINE, `$1listen 127.0.0.1:${options.port};`).replace(ROOT_LINE, `$1root ${options.root};`);
}

export interface MainConfOptions {
  prefix: string;
  workers: number | 'auto';
  /** Load the brotli static module (when the .so exists). */
  brotli: boolean;
  /** Write an access log into the prefix (the bench keeps it, as production would). */
  accessLog: boolean;
  /** Workers run as root when nginx is started by root (their default, nobody, cannot read a 0700 temp folder). */
  asRoot: boolean;
}

/** The main configuration around the site file: what /etc/nginx/nginx.conf does in the container. */
export function renderMainConf(o: MainConfOptions): string {
  const p = (name: string) => path.join(o.prefix, name);
  return [
    o.brotli ? `load_module ${BROTLI_MODULE};` : '',
    o.asRoot ? 'user root;' : '',
    `worker_processes ${o.workers};`,
    `pid ${p('nginx.pid')};`,
    `error_log ${p('error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  sendfile on;',
    '  tcp_nopush on;',
    '  keepalive_timeout 65;',
    '  keepalive_requests 100000;',
    `  access_log ${o.accessLog ? `${p('access.log')} combined buffer=256k flush=1s` : 'off'};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${p(`tmp-${t}`)};`),
    `  include ${SITE_CONF_NAME};`,
    '}',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** A port on 127.0.0.1 nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface NginxOptions {
  /** A prepared production build (deploy/prepare.ts runs on it first when it is not). */
  root: string;
  workers?: number | 'auto';
  accessLog?: boolean;
  /** Log lines go here (default: console.log). */
  log?: (line: string) => void;
}

export interface NginxServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  prefix: string;
  /** The nginx master process id. */
  pid: number;
  close(): Promise<void>;
}

/** Writes the prefix folder (conf/, the CSP include) for `root` served on `port`. Returns the main conf path. */
export async function writeNginxPrefix(
  prefix: string,
  options: { root: string; port: number; workers?: number | 'auto'; accessLog?: boolean },
): Promise<string> {
  const confDir = path.join(prefix, 'conf');
  await mkdir(path.join(confDir, path.dirname(CSP_INCLUDE_NAME)), { recursive: true });
  const site = renderSiteConf(await readFile(NGINX_CONF, 'utf8'), { port: options.port, root: options.root });
  await writeFile(path.join(confDir, SITE_CONF_NAME), site);
  await copyFile(path.join(options.root, CSP_HASH_FILE), path.join(confDir, CSP_INCLUDE_NAME));
  const main = path.join(confDir, 'nginx.conf');
  await writeFile(
    main,
    renderMainConf({
      prefix,
      workers: options.workers ?? 1,
      brotli: existsSync(BROTLI_MODULE),
      accessLog: options.accessLog ?? false,
      asRoot: process.getuid?.() === 0,
    }),
  );
  return main;
}

/** `nginx -t` on a prefix written by writeNginxPrefix: exit status and nginx's own words. */
export function testNginxConf(prefix: string, main: string): { ok: boolean; output: string } {
  const result = spawnSync(NGINX_BIN, ['-t', '-q', '-p', prefix, '-c', main], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

export function nginxMissingMessage(): string | undefined {
  if (existsSync(NGINX_BIN)) return undefined;
  return `${NGINX_BIN} not found — install Debian's nginx and brotli module: apt-get install nginx libnginx-mod-http-brotli-static (or set KB_NGINX)`;
}

/** Starts nginx (master + workers, in the foreground of a child process) serving `root` on 127.0.0.1. */
export async function startNginx(options: NginxOptions): Promise<NginxServer> {
  const missing = nginxMissingMessage();
  if (missing) throw new Error(missing);
  const log = options.log ?? ((line: string) => console.log(line));
  const root = path.resolve(options.root);
  if (!(await isPrepared(root))) {
    log(`[nginx] ${root} has no ${CSP_HASH_FILE}: preparing it (deploy/prepare.ts) …`);
    log(describeSummary(await prepareSite(root)));
  }
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const prefix = await mkdtemp(path.join(tmpdir(), 'kb-nginx-'));
    const port = await freePort();
    const main = await writeNginxPrefix(prefix, { ...options, root, port });
    const checked = testNginxConf(prefix, main);
    if (!checked.ok) {
      await rm(prefix, { recursive: true, force: true });
      throw new Error(`nginx -t refused the configuration:\n${checked.output}`);
    }
    const child: ChildProcess = spawn(NGINX_BIN, ['-p', prefix, '-c', main, '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let up = false;
    for (let i = 0; i < 200 && child.exitCode === null; i += 1) {
      if (await canConnect(port)) {
        up = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    if (up && child.pid !== undefined) {
      return {
        url: `http://127.0.0.1:${port}`,
        port,
        prefix,
        pid: child.pid,
        async close() {
          if (child.exitCode === null) {
            child.kill('SIGQUIT'); // graceful: finish open requests
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
          }
          await rm(prefix, { recursive: true, force: true });
        },
      };
    }
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    lastError = `${stderr}${await readFile(path.join(prefix, 'error.log'), 'utf8').catch(() => '')}`.trim();
    await rm(prefix, { recursive: true, force: true });
  }
  throw new Error(`nginx did not start on 127.0.0.1:\n${lastError}`);
}
