# Sophia KB: the production site in a container.
#   docker build -t sophia-kb . && docker run --rm -p 8080:8080 sophia-kb   →  http://localhost:8080
#
# Stage 1 builds every version of the site with Node 20 (`npm run build` also precompresses it
# and writes the CSP hash file, deploy/prepare.ts). Stage 2 is Debian's nginx with the brotli
# static module, serving build/ with deploy/nginx.conf copied verbatim.
# The official nginx image has no brotli module: to use it, delete the `brotli_static on;` line
# of deploy/nginx.conf (gzip_static still serves the .gz copies) and copy the files to the same
# places (/etc/nginx/conf.d/, /etc/nginx/sophia-kb/, /usr/share/nginx/html/).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts, as in CI with npm 11 (the project needs none).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log
# Debian's /etc/nginx/nginx.conf loads the brotli module (modules-enabled/) and includes conf.d/*.conf in http{}.
COPY deploy/nginx.conf /etc/nginx/conf.d/sophia-kb.conf
COPY --from=build /app/build/.nginx/csp-script-hashes.conf /etc/nginx/sophia-kb/csp-script-hashes.conf
COPY --from=build /app/build/ /usr/share/nginx/html/
RUN nginx -t
EXPOSE 8080
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
