"""Eligibility: a centre may join when its gmina has at most RAZEM_MAX_POPULATION residents."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..choices import CentreStatus


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


def exception_reason_missing(centre) -> bool:
    """True when an ineligible centre is a member without a written reason."""
    if centre.status != CentreStatus.MEMBER or not centre.municipality_id:
        return False
    if check_eligibility(centre.municipality).eligible:
        return False
    return not (centre.eligibility_exception_reason or "").strip()
