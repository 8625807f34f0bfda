"""SITE_URL parsed as browsers parse it (WHATWG URL Standard), normalised once, refused when odd or not public.

Unit tests of generator.address (no build): the normalised value is what every output uses (the built-output
tests in tests/test_address.py read it back from pages, sitemap, calendars and the PDF)."""

from __future__ import annotations

import pytest

from generator.address import AddressError, parse_site_url, publication_problem


@pytest.mark.parametrize(
    ("given", "normalised"),
    [
        ("https://127.1/", "https://127.0.0.1/"),  # IPv4 shorthand
        ("https://0177.0.0.1/", "https://127.0.0.1/"),  # octal
        ("https://0x7f.0.0.1/", "https://127.0.0.1/"),  # hex
        ("https://0x7F000001/", "https://127.0.0.1/"),  # one 32-bit number
        ("https://2130706433/", "https://127.0.0.1/"),
        ("https://10.1/", "https://10.0.0.1/"),
        ("https://[0:0:0:0:0:0:0:1]/", "https://[::1]/"),
        ("https://Vård.SE/x", "https://xn--vrd-ula.se/x/"),  # IDN to punycode, lower case
        ("https://v%41rd.se/", "https://vard.se/"),  # percent-encoding in the host
        ("HTTPS://VARD.SE", "https://vard.se/"),
        ("https://vard.se:443/a", "https://vard.se/a/"),  # the default port is dropped
        ("https://vard.se:8443/a/", "https://vard.se:8443/a/"),
        ("https://vard.se/vård/", "https://vard.se/v%C3%A5rd/"),  # non-ASCII path percent-encoded
        ("http://localhost:8000/", "http://localhost:8000/"),
    ],
)
def test_parsed_and_normalised_as_browsers_do(given, normalised):
    assert parse_site_url(given) == normalised


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("https://127.1/", "(127.0.0.1)"),
        ("https://0177.0.0.1/", "(127.0.0.1)"),
        ("https://0x7f.0.0.1/", "(127.0.0.1)"),
        ("https://10.1/", "(10.0.0.1)"),
        ("https://[::1]/", "(::1)"),
        ("https://[fd00::1]/", "(fd00::1)"),
        ("https://192.168.1.10/", "(192.168.1.10)"),
        ("https://vard.test/", "(vard.test)"),
        ("https://localhost/", "(localhost)"),
        ("https://intranet/", "(intranet)"),
    ],
)
def test_loopback_private_and_placeholder_hosts_are_refused_for_publishing(given, reason):
    problem = publication_problem(parse_site_url(given))
    assert problem is not None and "placeholder or local" in problem and reason in problem


def test_a_public_host_may_be_published():
    assert publication_problem(parse_site_url("https://www.vardochindustri.se/overenskommelser/")) is None
    assert publication_problem(parse_site_url("https://8.8.8.8/")) is None


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("https://vard.se/../../etc/", ". or .. segment"),
        ("https://vard.se/a/%2e%2E/b/", ". or .. segment"),
        ("https://vard.se/a/./b/", ". or .. segment"),
        ("https://vard.se/%", "% in its path"),
        ("https://vard.se/a%zz/", "% in its path"),
        ("https://a..b/", "empty label"),
        ("https://-.-/", "not a valid domain name"),
        ("https://vard-.se/", "not a valid domain name"),
        ("https://vard.se:0/", "port 0"),
        ("https://vard.se:65536/", "port 65536"),
        ("https://vard.se:8x/", "port that is not a number"),
        ("https://vard.se./", "ending with a dot"),
        ("https://1.2.3.4.5/", "not an IPv4 address"),
        ("https://256.1.1.1/", "out of range"),
        ("https://0x100000000/", "out of range"),
        ("https://vard.123/", "not an IPv4 address"),
        ("https://va%rd.se/", "malformed %-escape"),
        ("https://va%2frd.se/", "no host name may hold"),
        ("https://[::1/", "closing ]"),
        ("https://[::g]/", "invalid IPv6"),
        ("https://vard.se\\a/", "backslash"),
        ("https://user@vard.se/", "user name"),
        ("https://vard.se/a;b/", "may only use"),
        ("https:vard.se/", "of the form"),
        ("https:///", "has no host"),
    ],
)
def test_odd_addresses_are_refused_with_one_line(given, reason):
    with pytest.raises(AddressError) as caught:
        parse_site_url(given)
    message = str(caught.value)
    assert message.startswith("SITE_URL: ") and reason in message and "\n" not in message


def test_the_build_settings_carry_the_one_normalised_value(monkeypatch):
    """Pages (through MkDocs' site_url, set from these settings in generator/hooks.py), calendars, the Atom
    feed and the PDF all take Settings.site_url: the value is normalised once, before any of them."""
    from generator.settings import Settings
    from tests.conftest import ROOT

    monkeypatch.setenv("SITE_URL", "HTTPS://Vård.SE:443/overenskommelser")
    assert Settings.from_env(ROOT).site_url == "https://xn--vrd-ula.se/overenskommelser/"
