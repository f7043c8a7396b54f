"""The deployment test runs only under ``make test-deploy`` (LUOTSI_TEST_DEPLOY=1, with its
own PostgreSQL database in DEPLOY_DATABASE_URL); `make test` leaves it out."""

import os

collect_ignore_glob = [] if os.environ.get("LUOTSI_TEST_DEPLOY") == "1" else ["test_*.py"]
