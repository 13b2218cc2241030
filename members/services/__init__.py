"""Business rules of the members app, one module per use case.

The most used entry points are re-exported here, so callers write
`from members.services import check_eligibility`.
"""

from .applications import accept_application, reject_application, submit_application
from .centres import (
    admit_centre,
    hand_over_representative,
    remove_person,
    update_centre_contacts,
)
from .eligibility import Eligibility, check_eligibility, max_population
from .invitations import (
    accept_invitation,
    create_invitation,
    find_invitation,
    join_with_invitation,
)
from .privacy import delete_account, export_personal_data

__all__ = [
    "Eligibility",
    "accept_application",
    "accept_invitation",
    "admit_centre",
    "check_eligibility",
    "create_invitation",
    "delete_account",
    "export_personal_data",
    "find_invitation",
    "hand_over_representative",
    "join_with_invitation",
    "max_population",
    "reject_application",
    "remove_person",
    "submit_application",
    "update_centre_contacts",
]
