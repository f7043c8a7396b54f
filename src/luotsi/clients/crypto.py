"""Encryption at rest and keyed search for identity codes.

* ``encrypt``/``decrypt``: Fernet (AES-128-CBC with HMAC-SHA256, from the ``cryptography``
  package) with the key(s) in ``settings.LUOTSI_ENCRYPTION_KEY``. Several keys may be given,
  comma-separated, newest first: the first encrypts, all decrypt, so a key can be rotated
  without a downtime (re-encrypt with ``rotate``).
* ``identity_code_hmac``: HMAC-SHA256 of the normalised code with
  ``settings.LUOTSI_HMAC_KEY``. A plain hash of an identity code could be reversed by
  hashing all of the few million possible codes; a keyed hash cannot without the key.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from stdnum.fi import hetu


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.LUOTSI_ENCRYPTION_KEY.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("LUOTSI_ENCRYPTION_KEY is not set.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "LUOTSI_ENCRYPTION_KEY is not a valid Fernet key (32 url-safe base64 bytes)."
        ) from exc


def _hmac_key() -> bytes:
    key = settings.LUOTSI_HMAC_KEY
    if len(key) < 32:
        raise ImproperlyConfigured("LUOTSI_HMAC_KEY must be at least 32 characters.")
    return key.encode()


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An identity code cannot be decrypted with LUOTSI_ENCRYPTION_KEY: "
            "was the key changed without keeping the old one?"
        ) from exc


def rotate(token: str) -> str:
    """The token re-encrypted with the newest key."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


# Every Fernet token starts with its version byte 0x80, "gAAAAA" in url-safe base64.
TOKEN_PREFIX = b"gAAAAA"


def encrypt_bytes(data: bytes) -> bytes:
    """``data`` encrypted with the newest key, as the token's ASCII bytes."""
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    """The bytes ``encrypt_bytes`` encrypted, exactly; refused when no key opens them."""
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored document or file cannot be decrypted with LUOTSI_ENCRYPTION_KEY: "
            "was the key changed without keeping the old one?"
        ) from exc


def rotate_bytes(token: bytes) -> bytes:
    """The token re-encrypted with the newest key (the plaintext unchanged)."""
    return _fernet().rotate(token)


def is_token(value: bytes | str) -> bool:
    """Whether ``value`` is a Fernet token that one of the keys opens."""
    data = value.encode("ascii", "replace") if isinstance(value, str) else bytes(value)
    if not data.startswith(TOKEN_PREFIX):
        return False
    try:
        _fernet().decrypt(data)
    except InvalidToken:
        return False
    return True


def normalise_identity_code(code: str) -> str:
    return hetu.compact(code)


def identity_code_hmac(code: str) -> str:
    normalised = normalise_identity_code(code)
    return hmac.new(_hmac_key(), normalised.encode(), hashlib.sha256).hexdigest()


def check_keys() -> list[str]:
    """What is wrong with the configured keys, if anything (for the system check)."""
    problems = []
    try:
        _fernet()
    except ImproperlyConfigured as exc:
        problems.append(str(exc))
    try:
        _hmac_key()
    except ImproperlyConfigured as exc:
        problems.append(str(exc))
    return problems
