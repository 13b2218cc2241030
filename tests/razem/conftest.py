"""Fixtures of the house's tests."""

# One published page of every type (the security tests' world), for the tests that
# walk every page type (tests/razem/test_cache_outage.py).
from tests.security.conftest import pages  # noqa: F401
