"""The letter as the ministry reads it: the signature with the last paragraph, the
enclosure line, its reference number and an annex that names the letter and tells
same-named gminy apart."""

import datetime
import io
import threading

import pytest
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from consultations import demo, services
from consultations.choices import OpinionKind, OpinionState
from consultations.models import LetterCounter, OpinionPage
from consultations.services import letters
from tests.factories.members import CentreFactory, MunicipalityFactory, representative

pytestmark = pytest.mark.django_db

LAST_WORDS = "wziąć udział w pracach zespołu roboczego"


def _pages(pdf: bytes) -> list[str]:
    return [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def _page_of(pages: list[str], text: str) -> int:
    return next(number for number, page in enumerate(pages) if text in page)


@pytest.fixture
def letter_2024(make_opinion):
    """The demo's 2024 motivational-allowance letter, signed by eight centres."""
    opinion = make_opinion(
        state=OpinionState.OPEN,
        title="Wniosek o rozszerzenie programu dodatku motywacyjnego",
        kind=OpinionKind.MOTION,
        addressee=demo.MINISTER,
        addressee_address=demo.MINISTRY_ADDRESS,
        subject=f"Rozszerzenie programu „{demo.PROGRAMME}”",
        body=demo.LETTER_2024_BODY,
    )
    for _number in range(8):
        services.sign_opinion(opinion, representative(CentreFactory()))
    return opinion


def _close(opinion, admin_user, day=datetime.date(2024, 6, 28)) -> OpinionPage:
    services.close_signing(opinion, admin_user, letter_date=day)
    return OpinionPage.objects.get(pk=opinion.pk)


def test_signature_stays_with_the_last_paragraph(letter_2024, admin_user):
    opinion = _close(letter_2024, admin_user)
    pages = _pages(opinion.letter_pdf.open("rb").read())
    annex = _page_of(pages, "Lp. Ośrodek Gmina")
    closing = _page_of(pages, "Z wyrazami szacunku")
    assert closing == _page_of(pages, LAST_WORDS)
    assert closing == _page_of(pages, "Andrzej Barszcz")
    assert closing < annex
    # The closing page carries more than the signature block alone.
    assert len(pages[closing].split("Z wyrazami szacunku")[0]) > 200


def test_letter_names_its_enclosure_and_reference_and_the_annex_names_the_letter(
    letter_2024, admin_user
):
    opinion = _close(letter_2024, admin_user)
    assert opinion.letter_number == "RAZEM/2024/1"
    pages = _pages(opinion.letter_pdf.open("rb").read())
    letter_text = " ".join(pages[: _page_of(pages, "Lp. Ośrodek Gmina")])
    assert "Znak: RAZEM/2024/1" in letter_text
    assert "Załącznik: wykaz ośrodków współpodpisujących" in letter_text
    annex = pages[_page_of(pages, "Lp. Ośrodek Gmina")]
    assert "do pisma znak RAZEM/2024/1 z dnia 28 czerwca 2024 r." in annex
    assert "w sprawie: Rozszerzenie programu „Dofinansowanie wynagrodzeń" in annex
    assert "wniosek" in letter_text.lower()


def test_annex_tells_same_named_gminy_apart(make_opinion, admin_user):
    opinion = make_opinion(state=OpinionState.OPEN)
    places = [
        ("0000011", "Dąbrowa", "wiejska", "opolski"),
        ("0000021", "Dąbrowa", "miejska", "tarnowski"),
        ("0000032", "Brzozów", "wiejska", "brzozowski"),
        ("0000042", "Brzozów", "wiejska", "sochaczewski"),
    ]
    for teryt, name, kind, powiat in places:
        centre = CentreFactory(
            name=f"Ośrodek Pomocy Społecznej {teryt}",
            municipality=MunicipalityFactory(
                teryt=teryt, name=name, kind=kind, powiat=powiat
            ),
        )
        services.sign_opinion(opinion, representative(centre))
    text = " ".join(_pages(_close(opinion, admin_user).letter_pdf.open("rb").read()))
    assert "Dąbrowa (gmina wiejska)" in text
    assert "Dąbrowa (gmina miejska)" in text
    assert "Brzozów (gmina wiejska, powiat brzozowski)" in text
    assert "Brzozów (gmina wiejska, powiat sochaczewski)" in text


def test_numbers_follow_each_other_per_year_and_survive_regenerating(
    make_opinion, admin_user
):
    first = _close(make_opinion(state=OpinionState.OPEN), admin_user)
    second = _close(make_opinion(state=OpinionState.OPEN), admin_user)
    other_year = _close(
        make_opinion(state=OpinionState.OPEN), admin_user, datetime.date(2025, 1, 2)
    )
    assert [first.letter_number, second.letter_number, other_year.letter_number] == [
        "RAZEM/2024/1",
        "RAZEM/2024/2",
        "RAZEM/2025/1",
    ]
    again = services.regenerate_letter(second, admin_user)
    assert OpinionPage.objects.get(pk=again.pk).letter_number == "RAZEM/2024/2"


def test_a_failed_closing_gives_its_number_back(make_opinion, admin_user, monkeypatch):
    opinion = make_opinion(state=OpinionState.OPEN)

    def broken(opinion):
        raise RuntimeError("WeasyPrint failed")

    monkeypatch.setattr(letters, "build_letter_pdf", broken)
    with pytest.raises(RuntimeError):
        services.close_signing(opinion, admin_user)
    monkeypatch.undo()
    assert OpinionPage.objects.get(pk=opinion.pk).state == OpinionState.OPEN
    assert _close(opinion, admin_user).letter_number == "RAZEM/2024/1"


def test_the_database_refuses_a_number_twice(make_opinion, admin_user):
    from django.db import IntegrityError, transaction

    first = _close(make_opinion(state=OpinionState.OPEN), admin_user)
    second = make_opinion(state=OpinionState.OPEN)
    with pytest.raises(IntegrityError), transaction.atomic():
        OpinionPage.objects.filter(pk=second.pk).update(
            letter_year=first.letter_year, letter_sequence=first.letter_sequence
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_closings_get_consecutive_numbers(
    postgres_only, home_page, django_db_blocker
):
    from django.contrib.auth import get_user_model

    from tests.factories.consultations import opinion_index, opinion_page

    admin = get_user_model().objects.create_superuser(
        email="szef@razem.test", password="x"
    )
    index = opinion_index(home_page)
    opinions = [opinion_page(index, state=OpinionState.OPEN) for _ in range(4)]
    barrier = threading.Barrier(len(opinions))
    errors = []

    def close(opinion):
        try:
            barrier.wait(timeout=10)
            services.close_signing(opinion, admin, letter_date=timezone.localdate())
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(o,)) for o in opinions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(
        OpinionPage.objects.filter(pk__in=[o.pk for o in opinions]).values_list(
            "letter_sequence", flat=True
        )
    )
    assert numbers == [1, 2, 3, 4]
    assert LetterCounter.objects.get(year=timezone.localdate().year).last == 4
