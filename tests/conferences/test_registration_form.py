"""The registration form's shape: a bounded number of rows whatever is posted, and
checkbox labels that read as sentences, clickable and tied to their boxes."""

import re
import time

import pytest

from conferences.forms import MAX_ROWS
from conferences.models import Registration
from tests.conferences.test_views import management, register_url, row
from tests.factories.conferences import add_workshop, make_conference

pytestmark = pytest.mark.django_db


def test_a_forged_total_forms_builds_no_more_than_the_cap(client, conference, rep):
    client.force_login(rep)
    data = {**management(100000), **row(0)}
    started = time.monotonic()
    response = client.post(register_url(conference), data)
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"Jeden formularz obejmuje najwyżej {MAX_ROWS} uczestników; pozostałych "
        "zgłoś w kolejnym formularzu."
    ) in html
    assert f"{MAX_ROWS}formularzy" not in html  # not Django's "%(num)dformularzy"
    assert len(response.context["formset"].forms) == MAX_ROWS
    assert not Registration.objects.exists()


def test_more_rows_than_the_cap_are_refused_in_polish(client, conference, rep):
    client.force_login(rep)
    data = management(MAX_ROWS + 1)
    for n in range(MAX_ROWS + 1):
        data.update(row(n))
    html = client.post(register_url(conference), data).content.decode()
    assert f"Jeden formularz obejmuje najwyżej {MAX_ROWS} uczestników" in html
    assert not Registration.objects.exists()


def test_add_another_stops_at_the_cap_and_says_so(client, conference, rep):
    client.force_login(rep)
    html = client.get(register_url(conference)).content.decode()
    assert f"Jeden formularz obejmuje najwyżej {MAX_ROWS} uczestników." in html
    data = {**management(100000), **row(0), "add_participant": "1"}
    response = client.post(register_url(conference), data)
    assert len(response.context["formset"].forms) == MAX_ROWS
    assert "Dodaj kolejnego uczestnika" not in response.content.decode()


def test_checkbox_labels_have_no_colon_and_belong_to_their_boxes(
    client, home_page, rep
):
    conference = make_conference(offers_meals=True)
    add_workshop(conference)
    client.force_login(rep)
    data = {**management(2), **row(0), **row(1)}
    html = client.post(
        register_url(conference), {**data, "add_participant": "1"}
    ).content.decode()
    for box in ("form-0-meals", "form-0-special_needs_consent", "form-1-DELETE"):
        assert f'<input type="checkbox" name="{box}" id="id_{box}"' in html
        label = re.search(rf'<label for="id_{box}">([^<]*)</label>', html).group(1)
        assert label and not label.endswith(":"), label
    assert '<label for="id_form-0-meals">Posiłki</label>' in html
    assert "Usuń tego uczestnika z formularza</label>" in html
    # Workshops: each box inside its own label; the group named by its legend.
    assert re.search(
        r'<label for="id_form-0-workshops_0"><input type="checkbox" '
        r'name="form-0-workshops" value="\d+" id="id_form-0-workshops_0"',
        html,
    )
    assert "<legend>Warsztaty</legend>" in html
    assert "Warsztaty:" not in html
