"""A payment date of dues is never in the future, on every path that writes dues."""

import datetime
import io

import pytest
import time_machine
from django.utils import timezone

from members import demo
from members.models import Centre, Dues
from tests.factories.members import DuesFactory, MunicipalityFactory
from tests.members.test_admin_forms import (
    CENTRES,
    centre_data,
    dues_row,
    field_errors,
    management_form,
)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_adding_a_centre_with_dues_paid_tomorrow_is_refused_beside_the_field(
    staff_client,
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = centre_data(MunicipalityFactory())
    data.update(management_form(total=1))
    data.update(dues_row(0, year=str(tomorrow.year), amount="500.00", paid_on=tomorrow))
    errors = field_errors(staff_client.post(f"{CENTRES}new/", data))
    assert errors["dues-0-paid_on"] == "Data wpłaty nie może być z przyszłości."
    assert not Centre.objects.exists() and not Dues.objects.exists()
    data["dues-0-paid_on"] = timezone.localdate().isoformat()
    assert staff_client.post(f"{CENTRES}new/", data).status_code == 302
    assert Dues.objects.get().paid_on == timezone.localdate()


@pytest.mark.django_db
def test_changing_a_recorded_payment_to_a_future_date_is_refused(staff_client):
    dues = DuesFactory(year=2025, paid_on=datetime.date(2025, 3, 10))
    centre = dues.centre
    data = centre_data(centre.municipality, name=centre.name)
    data.update(management_form(total=1, initial=1))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data.update(
        dues_row(0, id=str(dues.pk), year="2025", amount="500.00", paid_on=tomorrow)
    )
    errors = field_errors(staff_client.post(f"{CENTRES}edit/{centre.pk}/", data))
    assert errors["dues-0-paid_on"] == "Data wpłaty nie może być z przyszłości."
    dues.refresh_from_db()
    assert dues.paid_on == datetime.date(2025, 3, 10)


@pytest.mark.django_db
def test_my_centre_shows_dues_read_only(client, centre_a, rep_a):
    DuesFactory(centre=centre_a, year=2025, paid_on=datetime.date(2025, 3, 10))
    DuesFactory(centre=centre_a, year=2026, paid_on=None)
    client.force_login(rep_a)
    html = client.get("/moj-osrodek/").content.decode()
    section = html[html.index('id="centre-dues-heading"') :]
    section = section[: section.index("</section>")]
    assert "2025-03-10" in section and "jeszcze nie opłacona" in section
    assert "<input" not in section and "<form" not in section
    edit = client.get("/moj-osrodek/dane/").content.decode()
    assert "paid_on" not in edit and "dues-" not in edit


@pytest.mark.django_db
def test_the_demo_never_records_a_payment_in_the_future():
    with time_machine.travel(datetime.datetime(2027, 1, 15, 12, 0), tick=False):
        demo.load(io.StringIO())
        today = timezone.localdate()
        assert Dues.objects.filter(year=2027).exists()
        for dues in Dues.objects.all():
            assert dues.paid_on is None or dues.paid_on <= today
            dues.full_clean()


@pytest.mark.django_db
def test_a_year_past_next_is_refused_beside_the_field(staff_client):
    """Found in the final browser trial: the year 99999 was accepted."""
    data = centre_data(MunicipalityFactory())
    data.update(management_form(total=1))
    data.update(dues_row(0, year="99999", amount="500.00", paid_on=""))
    errors = field_errors(staff_client.post(f"{CENTRES}new/", data))
    assert "najpóźniej" in errors["dues-0-year"]
    assert not Centre.objects.exists() and not Dues.objects.exists()
    data["dues-0-year"] = str(timezone.localdate().year + 1)
    assert staff_client.post(f"{CENTRES}new/", data).status_code == 302


@pytest.mark.django_db
def test_a_forged_row_count_builds_no_more_than_the_cap(staff_client):
    """Found in the final browser trial: TOTAL_FORMS=5000 answered a 15 MB page."""
    from members.forms import MAX_DUES_ROWS

    data = centre_data(MunicipalityFactory())
    data.update(management_form(total=5000))
    response = staff_client.post(f"{CENTRES}new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('name="dues-') <= MAX_DUES_ROWS * 8 + 20
    assert len(response.content) < 3_000_000
    assert not Centre.objects.exists() and not Dues.objects.exists()
