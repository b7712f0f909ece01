// The Dockerfile serves the build with deploy/nginx.conf verbatim. Docker is not
// needed here: the test reads the Dockerfile, lays the files out as its COPY
// lines do under Debian's own /etc/nginx/nginx.conf, and runs `nginx -t` on that.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSP_INCLUDE_NAME, NGINX_BIN, NGINX_CONF } from './nginx.ts';
import { CSP_HASH_FILE, renderCspHashConf } from './prepare.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dockerfile = await readFile(path.join(ROOT, 'Dockerfile'), 'utf8');
const conf = await readFile(NGINX_CONF, 'utf8');
const copies = [...dockerfile.matchAll(/^COPY\s+(?:--from=(\S+)\s+)?(\S+)\s+(\S+)$/gm)].map((m) => ({
  from: m[1],
  source: m[2]!,
  target: m[3]!,
}));
const servedRoot = /^\s*root (\S+);$/m.exec(conf)?.[1];
const work: string[] = [];
afterAll(async () => {
  for (const dir of work) await rm(dir, { recursive: true, force: true });
});

describe('Dockerfile', () => {
  it('builds with Node 20 running npm ci and npm run build', () => {
    expect(dockerfile).toMatch(/^FROM node:20\S* AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
  });

  it('copies deploy/nginx.conf verbatim into conf.d, the CSP include beside it and the build into its root', () => {
    expect(copies.filter((c) => c.source === 'deploy/nginx.conf').map((c) => c.target)).toEqual([
      '/etc/nginx/conf.d/sophia-kb.conf',
    ]);
    expect(copies).toContainEqual({
      from: 'build',
      source: `/app/build/${CSP_HASH_FILE}`,
      target: `/etc/nginx/${CSP_INCLUDE_NAME}`,
    });
    expect(servedRoot).toBe('/usr/share/nginx/html');
    expect(copies).toContainEqual({ from: 'build', source: '/app/build/', target: `${servedRoot}/` });
  });

  it('keeps node_modules and old builds out of the build context', async () => {
    const ignored = (await readFile(path.join(ROOT, '.dockerignore'), 'utf8')).split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'build', '.docusaurus', '.git']));
  });

  it("passes nginx -t as laid out in the container, under Debian's nginx.conf", async () => {
    const prefix = await mkdtemp(path.join(tmpdir(), 'kb-docker-nginx-'));
    work.push(prefix);
    const etc = path.join(prefix, 'etc/nginx');
    for (const dir of ['conf.d', 'sites-enabled', 'modules-enabled', 'sophia-kb', 'log']) {
      await mkdir(path.join(etc, dir), { recursive: true });
    }
    // Debian's own main file, with its absolute paths moved into the temp prefix.
    const debianMain = (await readFile('/etc/nginx/nginx.conf', 'utf8'))
      .replaceAll('/etc/nginx/', `${etc}/`)
      .replaceAll('/var/log/nginx/', `${etc}/log/`)
      .replace(/^user .*$/m, '');
    await writeFile(path.join(etc, 'nginx.conf'), debianMain);
    await copyFile('/etc/nginx/mime.types', path.join(etc, 'mime.types'));
    await writeFile(
      path.join(etc, 'modules-enabled/brotli.conf'),
      'load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n',
    );
    await copyFile(NGINX_CONF, path.join(etc, 'conf.d/sophia-kb.conf'));
    await writeFile(path.join(etc, CSP_INCLUDE_NAME), renderCspHashConf(["'sha256-x'"]));
    const result = spawnSync(NGINX_BIN, ['-t', '-p', prefix, '-e', 'stderr', '-c', path.join(etc, 'nginx.conf')], {
      encoding: 'utf8',
    });
    expect(result.stderr).toContain('test is successful');
    expect(result.status).toBe(0);
  });
});
