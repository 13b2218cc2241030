"""The literal values of razem/settings/production.py, for override_settings.

production.py refuses to import without DJANGO_SECRET_KEY, and re-importing the
settings package would disturb the running test settings; reading its literal
assignments tests the real file without either problem.
"""

import ast
from pathlib import Path

PRODUCTION = (
    Path(__file__).resolve().parents[2] / "razem" / "settings" / "production.py"
)


def production_literals() -> dict:
    """Every `NAME = <literal>` of production.py (calls such as env_bool skipped)."""
    tree = ast.parse(PRODUCTION.read_text(encoding="utf-8"))
    values = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not isinstance(target, ast.Name) or not target.id.isupper():
            continue
        try:
            values[target.id] = ast.literal_eval(node.value)
        except ValueError:
            continue
    return values


def production_security_settings() -> dict:
    """Production's security values plus SSL redirect, as production has it on."""
    values = production_literals()
    values["SECURE_SSL_REDIRECT"] = True
    return values
