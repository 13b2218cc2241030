"""Errata: a dated correction after sending, shown as such, never changing the letter."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import PageLogEntry

from consultations import services
from consultations.choices import OpinionState
from consultations.exceptions import TransitionRefused
from consultations.models import Erratum, OpinionPage

pytestmark = pytest.mark.django_db

CORRECTION = "W pkt 2 zamiast „co miesiąc” powinno być „co kwartał”."


def _reload(page) -> OpinionPage:
    return OpinionPage.objects.get(pk=page.pk)


@pytest.fixture
def closed(make_opinion, rep_a, admin_user):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    letter_date = timezone.localdate() - datetime.timedelta(days=5)
    services.close_signing(opinion, admin_user, letter_date=letter_date)
    return _reload(opinion)


@pytest.fixture
def sent(closed, admin_user):
    services.mark_sent(
        closed,
        admin_user,
        sent_on=timezone.localdate() - datetime.timedelta(days=3),
        sent_via="epuap",
    )
    return _reload(closed)


def test_an_erratum_is_refused_before_sending(closed, admin_user):
    with pytest.raises(TransitionRefused, match="dopiero po wysłaniu"):
        services.add_erratum(
            closed, admin_user, dated=timezone.localdate(), body=CORRECTION
        )
    erratum = Erratum(opinion=closed, dated=timezone.localdate(), body=CORRECTION)
    with pytest.raises(ValidationError):
        erratum.full_clean()
    assert not Erratum.objects.exists()


def test_an_erratum_after_sending_leaves_the_letter_and_its_hash(
    client, sent, admin_user
):
    stored_hash, stored_name = sent.letter_sha256, sent.letter_pdf.name
    erratum = services.add_erratum(
        sent, admin_user, dated=timezone.localdate(), body=CORRECTION
    )
    after = _reload(sent)
    assert after.letter_sha256 == stored_hash and after.letter_pdf.name == stored_name
    pdf = after.letter_pdf.open("rb").read()
    assert hashlib.sha256(pdf).hexdigest() == stored_hash
    entry = PageLogEntry.objects.get(page_id=sent.pk, action="consultations.erratum")
    assert entry.data["erratum_id"] == erratum.pk
    html = client.get(after.url).content.decode()
    assert "Erraty do wysłanego pisma" in html and "co kwartał" in html
    assert f'datetime="{timezone.localdate():%Y-%m-%d}"' in html
    assert stored_hash in html


def test_the_pack_is_the_letter_followed_by_its_dated_errata(client, sent, admin_user):
    services.add_erratum(sent, admin_user, dated=timezone.localdate(), body=CORRECTION)
    letter = PdfReader(io.BytesIO(sent.letter_pdf.open("rb").read()))
    response = client.get(f"/opinie/{sent.pk}/pismo-z-erratami.pdf")
    assert response.status_code == 200
    pack = PdfReader(io.BytesIO(response.content))
    count = len(letter.pages)
    assert len(pack.pages) == count + 1
    for number in range(count):
        assert pack.pages[number].extract_text() == letter.pages[number].extract_text()
    erratum_page = " ".join(pack.pages[count].extract_text().split())
    assert "Erratum nr 1 z dnia" in erratum_page and "co kwartał" in erratum_page
    assert sent.letter_number in erratum_page


def test_the_console_adds_an_erratum_with_errors_beside_the_fields(
    client, sent, admin_user
):
    client.force_login(admin_user)
    url = f"/admin/opinie/{sent.pk}/erratum/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"dated": "", "body": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "dated" in errors and "body" in errors
    future = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(url, {"dated": future.isoformat(), "body": CORRECTION})
    assert "w przyszłości" in response.context["form"].errors["dated"][0]
    before = sent.sent_on - datetime.timedelta(days=1)
    response = client.post(url, {"dated": before.isoformat(), "body": CORRECTION})
    assert "wcześniejszej niż wysłanie" in response.context["form"].errors["dated"][0]
    response = client.post(url, {"dated": "2024-13-45", "body": "x" * 5001})
    assert response.status_code == 200 and set(response.context["form"].errors) == {
        "dated",
        "body",
    }
    assert not Erratum.objects.exists()
    response = client.post(
        url, {"dated": timezone.localdate().isoformat(), "body": CORRECTION}
    )
    assert response.status_code == 302
    assert Erratum.objects.get().created_by == admin_user


def test_the_console_offers_errata_only_once_sent(client, closed, admin_user):
    from consultations.admin_views import available_actions

    assert "erratum" not in dict(available_actions(closed))
    client.force_login(admin_user)
    response = client.post(
        f"/admin/opinie/{closed.pk}/erratum/",
        {"dated": timezone.localdate().isoformat(), "body": CORRECTION},
        follow=True,
    )
    assert response.status_code == 200
    assert "dopiero po wysłaniu" in response.content.decode()
    assert not Erratum.objects.exists()


def test_a_double_submit_adds_the_erratum_once(client, sent, admin_user):
    client.force_login(admin_user)
    data = {"dated": timezone.localdate().isoformat(), "body": CORRECTION}
    url = f"/admin/opinie/{sent.pk}/erratum/"
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "już dodana" in response.context["form"].errors["body"][0]
    assert Erratum.objects.count() == 1


def test_the_pack_is_rendered_only_at_its_one_address_and_limited_per_client(
    client, sent, admin_user, monkeypatch
):
    """Found in the final browser trial: the pack ran WeasyPrint on every request,
    any query string included, without a limit."""
    from razem.views import PDF_RENDER_LIMIT

    renders = []
    monkeypatch.setattr(
        "consultations.views.letter_pack",
        lambda opinion: renders.append(opinion.pk) or b"%PDF-1.7 test",
    )
    services.add_erratum(sent, admin_user, dated=timezone.localdate(), body=CORRECTION)
    url = f"/opinie/{sent.pk}/pismo-z-erratami.pdf"
    moved = client.get(f"{url}?x=1")
    assert moved.status_code == 301 and moved["Location"] == url
    assert client.post(url).status_code == 405
    assert renders == []
    for _render in range(PDF_RENDER_LIMIT):
        assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 429 and "Retry-After" in refused
    assert len(renders) == PDF_RENDER_LIMIT
