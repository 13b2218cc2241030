"""The letter PDF: letterhead, body, annex of exactly the co-signers, a fixed hash."""

import csv
import hashlib
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from consultations import services
from consultations.choices import OpinionState
from consultations.exceptions import TransitionRefused
from tests.factories.members import CentreFactory, MunicipalityFactory, representative

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    """The PDF's text with whitespace folded (lines wrap in the narrow columns)."""
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(raw.split())


@pytest.fixture
def signed_opinion(make_opinion, rep_a, rep_b, applicant_rep):
    """An open opinion signed by A and B; a third centre signed and withdrew."""
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    services.sign_opinion(opinion, rep_b)
    gone = representative(
        CentreFactory(
            name="Gminny Ośrodek Pomocy Społecznej w Żółkiewce",
            municipality=MunicipalityFactory(
                teryt="0614022", name="Żółkiewka", voivodeship="lubelskie"
            ),
        )
    )
    signature = services.sign_opinion(opinion, gone)
    services.withdraw_signature(opinion, gone, signature_id=signature.pk)
    return opinion


def test_closing_stores_the_letter_with_annex_and_hash(signed_opinion, admin_user):
    opinion = services.close_signing(signed_opinion, admin_user)
    opinion.refresh_from_db()
    pdf = opinion.letter_pdf.open("rb").read()
    assert pdf.startswith(b"%PDF")
    assert opinion.letter_sha256 == hashlib.sha256(pdf).hexdigest()
    text = _text(pdf)
    # Letterhead, place and date, addressee, subject, body, signature block.
    assert "Kościuszki 12A" in text and "Radomsko" in text
    assert "(44) 683 28 85" in text and "stowarzyszenieopsrazem@gmail.com" in text
    assert "Minister Rodziny, Pracy i Polityki Społecznej" in text
    assert "Dofinansowanie wynagrodzeń" in text
    assert "Zwracamy się z prośbą" in text
    assert "Andrzej Barszcz" in text
    # The annex: exactly the two active signers, with Polish letters, and the count.
    assert "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach" in text
    assert "Centrum Usług Społecznych w Starachowicach" in text
    assert "świętokrzyskie" in text
    assert "Żółkiewce" not in text
    assert "współpodpisujących: 2" in text


def test_letter_annex_with_no_signers_says_so(make_opinion, admin_user):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.close_signing(opinion, admin_user)
    opinion.refresh_from_db()
    text = _text(opinion.letter_pdf.open("rb").read())
    assert "współpodpisujących: 0" in text


def test_letter_never_changes_after_sending(signed_opinion, admin_user):
    services.close_signing(signed_opinion, admin_user)
    signed_opinion.refresh_from_db()
    services.mark_sent(
        signed_opinion, admin_user, sent_on=timezone.localdate(), sent_via="epuap"
    )
    signed_opinion.refresh_from_db()
    stored_hash = signed_opinion.letter_sha256
    stored_name = signed_opinion.letter_pdf.name
    with pytest.raises(TransitionRefused):
        services.regenerate_letter(signed_opinion, admin_user)
    services.mark_answered(
        signed_opinion,
        admin_user,
        answered_on=timezone.localdate(),
        summary="Ministerstwo rozważy wniosek.",
    )
    signed_opinion.refresh_from_db()
    assert signed_opinion.letter_sha256 == stored_hash
    assert signed_opinion.letter_pdf.name == stored_name
    pdf = signed_opinion.letter_pdf.open("rb").read()
    assert hashlib.sha256(pdf).hexdigest() == stored_hash


def test_letter_survives_publishing_an_old_revision(signed_opinion, admin_user):
    """Publishing a revision saved before closing must not drop the letter or state."""
    old_revision = signed_opinion.latest_revision
    services.close_signing(signed_opinion, admin_user)
    signed_opinion.refresh_from_db()
    stored_hash = signed_opinion.letter_sha256
    old_revision.publish()
    signed_opinion.refresh_from_db()
    assert signed_opinion.state == OpinionState.CLOSED
    assert signed_opinion.letter_sha256 == stored_hash


def test_regenerating_between_closing_and_sending_keeps_text_and_number(
    signed_opinion, admin_user
):
    from django.core.exceptions import ValidationError

    from razem.models import AssociationSettings

    services.close_signing(signed_opinion, admin_user)
    signed_opinion.refresh_from_db()
    number, old_hash = signed_opinion.letter_number, signed_opinion.letter_sha256
    signed_opinion.body = "<p>Poprawiona treść pisma.</p>"
    with pytest.raises(ValidationError) as refused:
        signed_opinion.save_revision()
    assert "body" in refused.value.message_dict
    settings = AssociationSettings.objects.first()
    settings.president_name = "Anna Nowak-Kowalska"
    settings.save()
    opinion = services.regenerate_letter(signed_opinion, admin_user)
    opinion.refresh_from_db()
    text = _text(opinion.letter_pdf.open("rb").read())
    assert "Anna Nowak-Kowalska" in text and "Poprawiona treść" not in text
    assert "Zwracamy się z prośbą" in text
    assert opinion.letter_number == number and number in text
    assert opinion.letter_sha256 != old_hash


def test_letter_download_shows_hash_and_is_staff_only_until_sent(
    client, signed_opinion, admin_user, rep_a
):
    services.close_signing(signed_opinion, admin_user)
    signed_opinion.refresh_from_db()
    url = f"/opinie/{signed_opinion.pk}/pismo.pdf"
    assert client.get(url).status_code == 404
    client.force_login(rep_a)
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == signed_opinion.letter_sha256
    services.mark_sent(
        signed_opinion, admin_user, sent_on=timezone.localdate(), sent_via="post"
    )
    client.logout()
    assert client.get(url).status_code == 200
    html = client.get(signed_opinion.url).content.decode()
    assert signed_opinion.letter_sha256 in html
    assert url in html


def test_signatories_export_csv_has_bom_and_polish_letters(
    client, signed_opinion, admin_user
):
    client.force_login(admin_user)
    response = client.get(f"/admin/opinie/{signed_opinion.pk}/podpisy.csv")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 3
    names = {row[1] for row in rows[1:]}
    assert names == {
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        "Centrum Usług Społecznych w Starachowicach",
    }


def test_signatories_export_xlsx(client, signed_opinion, admin_user):
    client.force_login(admin_user)
    response = client.get(f"/admin/opinie/{signed_opinion.pk}/podpisy.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == sorted(
        [
            "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
            "Centrum Usług Społecznych w Starachowicach",
        ]
    )


def test_csv_export_neutralises_formulas(client, make_opinion, admin_user):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(
        opinion, representative(CentreFactory(name='=HYPERLINK("http://x")'))
    )
    client.force_login(admin_user)
    content = client.get(f"/admin/opinie/{opinion.pk}/podpisy.csv").content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in content
