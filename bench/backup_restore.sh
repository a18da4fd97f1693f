#!/usr/bin/env bash
# Back up a demo site (pg_dump -Fc + media archive), restore it into a fresh database and media
# folder, and check that pages, images, documents and actors (when that table exists) match.
#
#   bench/backup_restore.sh            # databases ess_backup_src and ess_backup_dst
#   PGHOST=… PGUSER=… SRC_DB=… DST_DB=… bench/backup_restore.sh
#
# Both databases are dropped and recreated: point them at throw-away names only.
# Needs the PostgreSQL client tools (apt-get install postgresql-client) and the project venv.
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SRC_DB="${SRC_DB:-ess_backup_src}"
DST_DB="${DST_DB:-ess_backup_dst}"
PY="${PY:-.venv/bin/python}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

url() { echo "postgres://${PGUSER}@${PGHOST}:${PGPORT}/$1"; }
manage() { DJANGO_SETTINGS_MODULE=ess_site.settings.dev "$PY" manage.py "$@"; }

counts() {  # one line per table: name=count (the actor table only where the app created it)
  psql -d "$1" -XAtq -c "
    SELECT 'pages=' || count(*) FROM wagtailcore_page
    UNION ALL SELECT 'images=' || count(*) FROM wagtailimages_image
    UNION ALL SELECT 'documents=' || count(*) FROM wagtaildocs_document
    UNION ALL SELECT 'revisions=' || count(*) FROM wagtailcore_revision"
  if [ -n "$(psql -d "$1" -XAtq -c "SELECT to_regclass('directory_actor')")" ]; then
    psql -d "$1" -XAtq -c "SELECT 'actors=' || count(*) FROM directory_actor"
  fi
  echo "media_files=$(find "$2" -type f | wc -l)"
}

echo "== Demo site in $SRC_DB"
dropdb --if-exists "$SRC_DB" && createdb "$SRC_DB"
mkdir -p "$WORK/media_src"
export DATABASE_URL MEDIA_ROOT
DATABASE_URL="$(url "$SRC_DB")" MEDIA_ROOT="$WORK/media_src"
manage migrate --no-input -v 0
manage load_demo
# One uploaded image, so that the media archive and the image table are exercised too.
manage shell --no-imports -c "
from django.core.files.images import ImageFile
from io import BytesIO
from PIL import Image as P
from wagtail.images import get_image_model
b = BytesIO(); P.new('RGB', (64, 48), '#0a6e4f').save(b, 'PNG')
get_image_model().objects.create(title='Logo', file=ImageFile(b, name='logo.png'))
"

echo "== Backup"
started=$(date +%s%N)
pg_dump -Fc -d "$SRC_DB" -f "$WORK/ess.dump"
tar -C "$WORK/media_src" -czf "$WORK/media.tar.gz" .
backup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
ls -l "$WORK/ess.dump" "$WORK/media.tar.gz" | awk '{print "  " $5 " octets  " $9}'

echo "== Restore into $DST_DB"
started=$(date +%s%N)
dropdb --if-exists "$DST_DB" && createdb "$DST_DB"
pg_restore --no-owner --exit-on-error -d "$DST_DB" "$WORK/ess.dump"
mkdir -p "$WORK/media_dst" && tar -C "$WORK/media_dst" -xzf "$WORK/media.tar.gz"
restore_ms=$(( ($(date +%s%N) - started) / 1000000 ))

counts "$SRC_DB" "$WORK/media_src" > "$WORK/src.txt"
counts "$DST_DB" "$WORK/media_dst" > "$WORK/dst.txt"
paste "$WORK/src.txt" "$WORK/dst.txt" | awk '{printf "  %-18s %-18s\n", $1, $2}'
echo "  sauvegarde ${backup_ms} ms, restauration ${restore_ms} ms"

# The restored site answers: the home page renders from the restored database and media.
DATABASE_URL="$(url "$DST_DB")" MEDIA_ROOT="$WORK/media_dst" manage shell --no-imports -c "
from django.test import Client
status = Client(HTTP_HOST='localhost').get('/fr/').status_code
assert status == 200, status
print('  page d\'accueil restaurée : HTTP', status)
"

if diff -q "$WORK/src.txt" "$WORK/dst.txt" > /dev/null; then
  echo "backup/restore: counts equal"
else
  echo "backup/restore: COUNTS DIFFER" && exit 1
fi
