"""gunicorn settings for the Berkellandwijzer: ``gunicorn --config deploy/gunicorn.conf.py wsgi:app``.

Every value can be overridden on the command line or by GUNICORN_CMD_ARGS.  The application
itself is configured only by its own environment variables (see README, "Configuration").
"""

import multiprocessing
import os

# Behind nginx on the same machine: listen on the loopback only.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each request is CPU work (search, templates), so one worker per core, plus
# one to cover the moments a worker waits for the database.  Workers share nothing: sessions,
# throttles and the synonym list live in the database; the Whoosh index is on shared disk.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 30            # a worker silent this long is killed and replaced
graceful_timeout = 30   # on reload/stop: finish the requests in hand
keepalive = 2           # sync workers close the connection anyway; nginx keeps its own
max_requests = 2000     # recycle workers now and then (memory stays flat)
max_requests_jitter = 200

# Do not load the app in the master: every worker opens its own database connections and
# its own index searcher after the fork.
preload_app = False

# Logs: the app writes one line per request itself (app/logging_setup.py, LOG_FORMAT=json),
# without the client address or the query string.  gunicorn's access log would write both,
# so it stays off; gunicorn's own messages (start, stop, worker timeouts) go to stderr, and
# systemd's journal collects stderr.
accesslog = None
errorlog = "-"
loglevel = "info"

# The request line and headers have limits well above what the site needs.
limit_request_line = 4094
limit_request_fields = 100

# nginx passes X-Forwarded-For/-Proto; the app trusts them only with PROXY_COUNT=1.
forwarded_allow_ips = "127.0.0.1"
proxy_allow_ips = "127.0.0.1"
