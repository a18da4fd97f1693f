"""Restart PostgreSQL under load and report what visitors saw.

    bench/db_restart.py                 # restarts the local PostgreSQL 15 cluster: run it alone
    bench/db_restart.py --no-restart    # the same load without the restart (a dry run)

It builds a throw-away demo database (ess_restart, dropped and recreated), collects the static
files, starts gunicorn with the production settings and gunicorn.conf.py on 127.0.0.1, sends
requests to the home page from a few client threads for DURATION seconds, and restarts the
cluster with `pg_ctlcluster --skip-systemctl-redirect 15 main restart` after RESTART_AT seconds.
Every request is logged with its start time, duration and status; the report gives the failed
requests inside and outside the outage, the recovery time (from the end of the restart command
to the first success after the last failure) and the slowest request, which exposes a stuck
worker. Traffic stays on loopback; the run is bounded in time.

Needs: the PostgreSQL server and client tools on this machine, root (pg_ctlcluster), the venv.
PGPORT and --restart-command point it at another server, e.g. a private throw-away cluster.
"""

import argparse
import http.client
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PG = {"host": "127.0.0.1", "port": os.environ.get("PGPORT", "5432"), "user": "postgres"}


def run(*command, env=None):
    subprocess.run(command, check=True, cwd=PROJECT, env=env)


def prepare(env, database):
    base = ["-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]
    run("dropdb", *base, "--if-exists", database)
    run("createdb", *base, database)
    python = sys.executable
    run(python, "manage.py", "migrate", "--no-input", "-v", "0", env=env)
    run(python, "manage.py", "load_demo", env=env)
    run(python, "manage.py", "collectstatic", "--no-input", "-v", "0", env=env)


def wait_until_up(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz")


def client_loop(port, stop_at, log, lock):
    connection = None
    while time.monotonic() < stop_at:
        started = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=35)
            connection.request("GET", "/fr/", headers={"X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            connection = None
        with lock:
            log.append((started, time.monotonic() - started, status))


def report(log, restart_window, started):
    restart_begin, restart_end = restart_window or (None, None)
    failures = [entry for entry in log if entry[2] != 200]
    print(f"{len(log)} requêtes, {len(failures)} en échec")
    if not log:
        return
    statuses = {}
    for _, _, status in log:
        statuses[status] = statuses.get(status, 0) + 1
    print(f"statuts : {statuses}")
    slowest = max(duration for _, duration, _ in log)
    print(f"requête la plus lente : {slowest:.2f} s")
    if restart_window is None:
        return
    print(
        f"redémarrage de PostgreSQL : de {restart_begin - started:.1f} s "
        f"à {restart_end - started:.1f} s ({restart_end - restart_begin:.1f} s)"
    )
    outside = [f for f in failures if f[0] + f[1] < restart_begin or f[0] > restart_end + 5]
    print(f"échecs hors de la coupure (+5 s) : {len(outside)}")
    if failures:
        last_failure = max(f[0] + f[1] for f in failures)
        recovered = min(
            (s for s, d, status in log if status == 200 and s >= last_failure), default=None
        )
        if recovered is None:
            print("pas de rétablissement observé avant la fin de la mesure")
        else:
            print(
                f"rétabli {recovered - restart_begin:.2f} s après le début du redémarrage "
                f"({max(0.0, recovered - restart_end):.2f} s après sa fin)"
            )
    else:
        print("aucun échec : rétabli immédiatement")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-restart", action="store_true", help="load only, no restart")
    parser.add_argument("--database", default="ess_restart")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--restart-at", type=float, default=10)
    parser.add_argument(
        "--restart-command",
        default="pg_ctlcluster --skip-systemctl-redirect 15 main restart",
        help="how to restart the PostgreSQL server that PGPORT (default 5432) points at",
    )
    args = parser.parse_args()

    database_url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{args.database}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ess_site.settings.production",
        "SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "3"),
        "MEDIA_ROOT": tempfile.mkdtemp(),
        "LOG_LEVEL": "WARNING",
    }
    prepare(env, args.database)
    gunicorn_log = open(Path(tempfile.gettempdir()) / "db_restart_gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn"],
        cwd=PROJECT,
        env=env,
        stdout=gunicorn_log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(args.port)
        log, lock = [], threading.Lock()
        started = time.monotonic()
        stop_at = started + args.duration
        threads = [
            threading.Thread(target=client_loop, args=(args.port, stop_at, log, lock))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        restart_window = None
        if not args.no_restart:
            time.sleep(args.restart_at)
            begin = time.monotonic()
            # Detached from this script's output: a server started by the command must not
            # hold our stdout open (a pipe reader would then wait for it forever).
            subprocess.run(  # noqa: S603
                shlex.split(args.restart_command),
                check=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            restart_window = (begin, time.monotonic())
        for thread in threads:
            thread.join()
        report(sorted(log), restart_window, started)
        print(f"journal de gunicorn : {gunicorn_log.name}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        gunicorn_log.close()
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    main()
