"""Permission checks without two queries on every request.

Django's ModelBackend reads a person's permissions (their own and their groups') with
two queries per request the first time anything asks `has_perm`, and the opinion
page, the admin and the staff checks ask on almost every request.
`CachedPermissionsBackend` keeps that set in the shared cache under the cache
generation; `razem.signals` bumps the generation whenever a group, a permission or
anyone's group or permission membership changes. The key also carries the
superuser flag, so promoting or demoting an account takes effect at once; inactive
accounts have no permissions and are never looked up.

With a per-process cache (local memory) another process could not hear of a change,
so the backend then behaves exactly like ModelBackend.

It only answers permission questions: `authenticate` always declines, so passwords
are checked once, by the backends after it.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .cache import cache_is_shared, current_generation

SECONDS = 600


class CachedPermissionsBackend(ModelBackend):
    """ModelBackend's permission set, remembered per user and cache generation."""

    def authenticate(self, request, **credentials):
        """Never authenticates: the backends after this one do."""
        return None

    def get_all_permissions(self, user_obj, obj=None):
        """The user's permissions ("app_label.codename"), from the cache if there."""
        if (
            obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
            or hasattr(user_obj, "_perm_cache")
            or not cache_is_shared()
        ):
            return super().get_all_permissions(user_obj, obj)
        key = (
            f"razem:permissions:{current_generation()}:{user_obj.pk}:"
            f"{int(user_obj.is_superuser)}"
        )
        permissions = cache.get(key)
        if permissions is None:
            permissions = super().get_all_permissions(user_obj)
            cache.set(key, permissions, SECONDS)
        else:
            user_obj._perm_cache = permissions
        return permissions
