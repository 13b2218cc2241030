"""Eligibility: a centre may join when its gmina has at most RAZEM_MAX_POPULATION residents."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def max_population() -> int:
    """The population limit, read from the settings at call time."""
    return int(settings.RAZEM_MAX_POPULATION)


@dataclass(frozen=True)
class Eligibility:
    """The answer for one gmina: eligible or not, with the figures behind it."""

    eligible: bool
    population: int
    limit: int
    population_year: int
    municipality_name: str

    @property
    def message(self) -> str:
        """One sentence for people: the verdict and why (population versus limit)."""
        values = {
            "name": self.municipality_name,
            "population": number_format(self.population, force_grouping=True),
            "limit": number_format(self.limit, force_grouping=True),
            "year": self.population_year,
        }
        if self.eligible:
            return (
                _(
                    "Eligible: %(name)s has %(population)s residents (%(year)s), "
                    "within the limit of %(limit)s."
                )
                % values
            )
        return (
            _(
                "Over the limit: %(name)s has %(population)s residents (%(year)s), "
                "more than the limit of %(limit)s. The board may still admit the "
                "centre as an exception, giving a reason."
            )
            % values
        )

    def as_json(self) -> dict:
        """The answer as JSON for the application form's autocomplete."""
        return {
            "eligible": self.eligible,
            "population": self.population,
            "limit": self.limit,
            "message": self.message,
        }


def check_eligibility(municipality) -> Eligibility:
    """Is a centre in this gmina eligible? Exactly the limit is still eligible."""
    limit = max_population()
    return Eligibility(
        eligible=municipality.population <= limit,
        population=municipality.population,
        limit=limit,
        population_year=municipality.population_year,
        municipality_name=municipality.name,
    )


# The board's reason for admitting a centre over the population limit is at least
# this long (also said in the field's help text).
EXCEPTION_REASON_MIN_LENGTH = 20


def exception_reason_problem(municipality, reason: str) -> str:
    """Why this reason does not admit a centre of this gmina ('' when it does).

    A gmina within the limit needs no reason (callers ignore or refuse one); over
    the limit the reason is required and has at least EXCEPTION_REASON_MIN_LENGTH
    characters (surrounding spaces do not count).
    """
    if check_eligibility(municipality).eligible:
        return ""
    reason = (reason or "").strip()
    if not reason:
        return _(
            "The municipality has more residents than the limit: write the reason "
            "for admitting this centre."
        )
    if len(reason) < EXCEPTION_REASON_MIN_LENGTH:
        return _(
            "Write the reason for the exception in at least %(minimum)d characters "
            "(now %(length)d): it is kept as the board's justification."
        ) % {"minimum": EXCEPTION_REASON_MIN_LENGTH, "length": len(reason)}
    return ""


def exception_reason_not_needed_message() -> str:
    """A reason typed for a gmina within the limit is refused."""
    return _(
        "The municipality is within the population limit: no reason for an "
        "exception is needed. Leave the field empty."
    )
