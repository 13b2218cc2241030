"""System checks of the house: deployment settings that must agree with each other."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_count_check(app_configs, **kwargs):
    """Behind the TLS proxy (`SECURE_PROXY_SSL_HEADER` set), a proxy count of 0 makes
    every visitor share the proxy's address: one person's typos lock out everyone."""
    count = getattr(settings, "RAZEM_PROXY_COUNT", 0)
    if count < 0:
        return [
            Error("RAZEM_PROXY_COUNT must be 0 or more.", id="razem.E001"),
        ]
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and count == 0:
        return [
            Warning(
                "The site runs behind a TLS proxy (SECURE_PROXY_SSL_HEADER) but "
                "RAZEM_PROXY_COUNT is 0: every visitor has the proxy's address, so "
                "the rate limits lock out everyone together.",
                hint="Set RAZEM_PROXY_COUNT to the number of proxies in front (1).",
                id="razem.W001",
            )
        ]
    if getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", count) != count:
        return [
            Warning(
                "ALLAUTH_TRUSTED_PROXY_COUNT differs from RAZEM_PROXY_COUNT: the "
                "login limits and the project's limits count different clients.",
                id="razem.W002",
            )
        ]
    return []
