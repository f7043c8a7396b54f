"""The id of the job this thread runs, for every log line it writes.

Set by ``luotsi.jobs.runner``; read by the log filter of ``luotsi.conf.logs``. A module of
its own (nothing but the variable) so that the logging set-up can import it before Django
has loaded the apps, and so that jobs need not import the conf layer above them.
"""

import contextvars

job_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("job_id", default="")
