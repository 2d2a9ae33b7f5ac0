"""X-Forwarded-For is believed only from TRUSTED_PROXIES."""

from django.test import RequestFactory

from guichet.accounts.network import client_ip


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("198.51.100.7", "1.2.3.4")) == "198.51.100.7"


def test_from_an_untrusted_peer_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("198.51.100.7", "1.2.3.4")) == "198.51.100.7"


def test_from_a_trusted_proxy_the_nearest_untrusted_address_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    # The client wrote "6.6.6.6" itself; the proxies appended the real hops.
    forwarded = "6.6.6.6, 203.0.113.5, 192.0.2.10"
    assert client_ip(request("10.1.2.3", forwarded)) == "203.0.113.5"


def test_garbage_stops_the_walk(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("10.1.2.3", "not-an-ip")) == "10.1.2.3"
    assert client_ip(request("10.1.2.3", "")) == "10.1.2.3"
    assert client_ip(request("10.1.2.3", "10.9.9.9")) == "10.9.9.9"
