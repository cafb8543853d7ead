"""How many emails a request may trigger: per address and per client IP, counted in the cache.

Twenty clicks on "reset my password" used to send twenty emails to one patient. A sender over
a limit is not told so by the password-reset page (which says the same whatever happened, so it
never reveals whether an account exists); staff inviting a patient are told to wait.

The counts live in Django's cache (CACHES: one Redis for every app server in production; each
process's own memory in development), in a fixed window that starts with the first email.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)

HOUR = 60 * 60


@dataclass(frozen=True)
class Limit:
    per_address: int
    per_ip: int
    window_seconds: int = HOUR


LIMITS = {
    "password-reset": Limit(per_address=3, per_ip=10),
    "invitation": Limit(per_address=3, per_ip=10),
}

# Wrong guesses at a secret in a URL (a patient's form link), per client IP. A waiting room's
# tablets share one IP, so only refused attempts count, never the pages of a good link.
ATTEMPT_LIMITS = {
    "form-link": Limit(per_address=0, per_ip=30),
}


def allow_email(kind: str, *, address: str, ip: str | None) -> bool:
    """Count one `kind` email to `address` asked for from `ip`; False when either count is
    past its limit (the email must then not be sent)."""
    limit = LIMITS[kind]
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()  # no address in keys
    allowed = _counted(f"throttle:{kind}:ip:{ip or 'unknown'}", limit.per_ip, limit) and _counted(
        f"throttle:{kind}:address:{digest}", limit.per_address, limit
    )
    if not allowed:
        logger.warning("%s email held back: too many for one address or IP this hour", kind)
    return allowed


def attempts_blocked(kind: str, *, ip: str | None) -> bool:
    """True when `ip` has made more refused `kind` attempts than allowed this window."""
    limit = ATTEMPT_LIMITS[kind]
    return (cache.get(f"throttle:{kind}:attempts:{ip or 'unknown'}") or 0) >= limit.per_ip


def count_attempt(kind: str, *, ip: str | None) -> None:
    """Count one refused `kind` attempt from `ip`."""
    limit = ATTEMPT_LIMITS[kind]
    if not _counted(f"throttle:{kind}:attempts:{ip or 'unknown'}", limit.per_ip, limit):
        logger.warning("%s attempts held back: too many refused from one IP this hour", kind)


def _counted(key: str, allowed: int, limit: Limit) -> bool:
    cache.add(key, 0, timeout=limit.window_seconds)  # the window starts with the first one
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=limit.window_seconds)
        count = 1
    return count <= allowed
