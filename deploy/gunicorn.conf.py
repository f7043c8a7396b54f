"""gunicorn's configuration for Luotsi (docs/deployment.md).

    gunicorn -c deploy/gunicorn.conf.py                      # everything from here
    gunicorn -c deploy/gunicorn.conf.py --workers 2 --bind 127.0.0.1:8107

Options given on the command line win over this file; the environment sets the rest:
GUNICORN_BIND (default 0.0.0.0:8000), WEB_CONCURRENCY (worker processes, default 2),
GUNICORN_THREADS (default 1), GUNICORN_TIMEOUT (seconds, default 60),
FORWARDED_ALLOW_IPS (the reverse proxy's addresses, default 127.0.0.1).

Every web process is stateless (sessions, jobs and files are in PostgreSQL): start as many
as the machines allow, behind one reverse proxy or load balancer.
"""

import os

wsgi_app = "luotsi.conf.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]  # noqa: S104 (behind the proxy)
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that takes longer is cut off and its worker replaced: long work belongs in a
# background job (luotsi worker), not in a request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Replace each worker now and then, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# Trust X-Forwarded-* only from the proxy (Luotsi's own LUOTSI_PROXY_COUNT decides which
# address the access log keeps).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Luotsi logs each request itself (one JSON line with its request id, no personal data);
# gunicorn's own access log would repeat it with the full path, so it stays off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "luotsi.conf.logs.JsonFormatter"}},
    "filters": {"request_id": {"()": "luotsi.conf.logs.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": [], "propagate": False},
    },
    "root": {"handlers": [], "level": "WARNING"},
}
