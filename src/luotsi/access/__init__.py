"""Who may see which client, and the append-only logs of every access and disclosure.

``policy`` is the one place where permissions are decided; ``views`` holds the decorators
every client-data view must wear; ``models`` the append-only logs.
"""
