"""A client's consents to disclose data, and the ``disclose`` service that honours them."""
