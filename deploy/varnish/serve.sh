#!/usr/bin/env bash
# `make serve`: the site under gunicorn (gunicorn.conf.py, production settings over plain HTTP)
# behind Varnish (deploy/varnish/ess.vcl) on this machine; the site purges Varnish on every
# publication. Stops both on Ctrl-C. See docs/operations.md, "Caching proxy".
set -euo pipefail
cd "$(dirname "$0")/../.."
HOST="${HOST:-127.0.0.1}"
APP_PORT="${APP_PORT:-8000}"
VARNISH_PORT="${VARNISH_PORT:-6081}"
PY="${PY:-.venv/bin/python}"
varnishd="$(command -v varnishd || echo /usr/sbin/varnishd)"
[ -x "$varnishd" ] || { echo "varnishd is missing: apt-get install varnish (Debian's package)"; exit 1; }

work="$(mktemp -d)"
varnish_pid=""
trap '[ -n "$varnish_pid" ] && kill "$varnish_pid" 2>/dev/null; rm -rf "$work"' EXIT
sed "s/\.port = \"8000\";/.port = \"$APP_PORT\";/" deploy/varnish/ess.vcl > "$work/ess.vcl"
# -j none: run as this user (Debian's service runs it as its own users instead).
"$varnishd" -F -j none -n "$work/varnish" -a "$HOST:$VARNISH_PORT" -f "$work/ess.vcl" \
  -s malloc,256m &
varnish_pid=$!

export DJANGO_SETTINGS_MODULE=ess_site.settings.production
export SECRET_KEY="${SECRET_KEY:-$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain HTTP on loopback: no redirect to HTTPS (a TLS terminator in front sets it in production).
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export GUNICORN_BIND="127.0.0.1:$APP_PORT"
export FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:$VARNISH_PORT"
$PY manage.py collectstatic --no-input -v0
echo "Site behind Varnish: http://$HOST:$VARNISH_PORT/ (gunicorn on 127.0.0.1:$APP_PORT)"
"$(dirname "$PY")/gunicorn" -c gunicorn.conf.py
