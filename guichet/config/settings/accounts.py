"""Client accounts: sign-in lock-out (django-axes), two-step verification (django-otp),
client sessions, the throttle on identity proofs, and the proxies allowed to forward addresses.
"""

import datetime as dt

from guichet.config.env import env_bool, env_int, env_list

# Proxies (addresses or networks, e.g. "10.0.0.0/8") whose X-Forwarded-For is believed. From
# anyone else the header is ignored: a client could otherwise pick the address it is throttled as.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

# django-axes: lock a username from one address after repeated failed sign-ins, for 15 minutes.
# Locking the pair (not the username alone) means nobody can lock someone else out by guessing
# their password from elsewhere; the cool-off is short so a mistyping owner waits minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# More guesses during a lock-out do not push its end further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "guichet.accounts.network.client_ip"
AXES_USERNAME_CALLABLE = "guichet.accounts.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "guichet.accounts.lockout.lockout_response"
AXES_CLIENT_STR_CALLABLE = "guichet.accounts.lockout.lockout_client_str"
# Axes would log usernames and addresses: personal data stays out of the logs.
AXES_VERBOSE = False

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username and address before the password is even checked.
    "guichet.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# django-otp: time-based one-time passwords from an authenticator app.
OTP_TOTP_ISSUER = "Guichet"
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next: 1 s, 2 s, 4 s…

# A client session ends after this long without a request (and at most SESSION_COOKIE_AGE).
ACCOUNTS_SESSION_IDLE_SECONDS = env_int("ACCOUNTS_SESSION_IDLE_SECONDS", 30 * 60)
# Links in verification and password-reset messages stop working after this long.
ACCOUNTS_EMAIL_VERIFICATION_SECONDS = 3 * 24 * 60 * 60
ACCOUNTS_PASSWORD_RESET_SECONDS = 60 * 60

# Identity proofs (linking, the public status look-up, the phone line), ADR 0018. Sources (an
# address by /64, an account, a caller): failures count (an attempt is taken before the proof and
# given back when it succeeds), `limit` at once then one more every window/limit. Numbers
# (application number, UCI): failures in a sliding `window`; past `limit`, each source that failed
# on the number waits a delay that doubles with each further failure (ACCOUNTS_THROTTLE_BACKOFF,
# seconds); a source that has not failed is never delayed.
ACCOUNTS_THROTTLE_RULES = {
    "application_number": {"limit": 5, "window": 60 * 60},
    "uci": {"limit": 5, "window": 60 * 60},
    "account": {"limit": 20, "window": 60 * 60},
    "ip": {"limit": 30, "window": 60 * 60},
    "caller": {"limit": 10, "window": 60 * 60},
    # Requests for password-reset and verification messages (every request counts, not failures).
    "message_email": {"limit": 5, "window": 60 * 60},
    "message_ip": {"limit": 30, "window": 60 * 60},
}

ACCOUNTS_THROTTLE_BACKOFF = {"base": 30, "cap": 15 * 60}

# Updates on a case: the first change is held this long so that a burst becomes one message;
# after a message, the next one for the same case and channel waits at least the gap.
ACCOUNTS_CASE_UPDATE_HOLD_SECONDS = env_int("ACCOUNTS_CASE_UPDATE_HOLD_SECONDS", 45)
ACCOUNTS_CASE_UPDATE_GAP_SECONDS = env_int("ACCOUNTS_CASE_UPDATE_GAP_SECONDS", 5 * 60)

# Adds POST /api/v1/bench/trivial, the baseline of bench/bench_status_api.py. Off in production.
ACCOUNTS_BENCH_ENDPOINTS = env_bool("GUICHET_BENCH", False)
