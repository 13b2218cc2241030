"""Every front-end form fuzzed with hypothesis: whatever is posted, never a 500.

Values are text of every kind (unicode, very long, empty, whitespace, NUL, numbers
as text, HTML and the XSS corpus), any field may be missing, and each example runs
in a rolled-back transaction with an empty cache (rate limits included), so every
example meets the same database.

RAZEM_FUZZ_EXAMPLES sets the examples per form (default 40, about a minute for the
file on 2 cores); `RAZEM_FUZZ_EXAMPLES=300` is the thorough run.
"""

import os

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.xss import payloads

EXAMPLES = int(os.environ.get("RAZEM_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # CI repeats the same examples; raise EXAMPLES locally to explore
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

SPECIAL = [
    "",
    " ",
    "\t\r\n",
    "\x00",
    "a\x00b",
    "\ufeff",
    "\u202eodwrócone",
    "Zażółć gęślą jaźń",
    "ＡＢＣ１２３",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "2026-02-30",
    "on",
    "true",
    "[]",
    "{}",
    "%s%n%x",
    "../../etc/passwd",
    "' OR 1=1 --",
    "a@b",
    "x@example.test",
    "https://",
    "javascript:alert(1)",
]
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.integers(min_value=200, max_value=30_000).map(lambda n: "ż" * n),
    st.integers().map(str),
    st.sampled_from(payloads()),
)
VALUE = st.one_of(TEXT, st.lists(TEXT, min_size=2, max_size=3))


def form_data(fields, *, fixed=None):
    """Any subset of the fields with hostile values, plus fixed values."""
    strategy = st.fixed_dictionaries({}, optional=dict.fromkeys(fields, VALUE))
    if fixed:
        strategy = strategy.map(lambda data: {**data, **fixed})
    return strategy


def no_server_error(client, method, url, data):
    """One request in a rolled-back transaction; a 500 fails (the test client
    re-raises the view's exception, and hypothesis shrinks the input)."""
    cache.clear()
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    assert response.status_code < 500, (url, data)
    return response


APPLICATION_FIELDS = [
    "centre_name",
    "kind",
    "municipality",
    "street",
    "postal_code",
    "city",
    "centre_phone",
    "centre_email",
    "website",
    "director",
    "nip",
    "first_name",
    "last_name",
    "email",
    "phone",
    "position",
    "message",
    "privacy",
    "website_url",
    "q",
]


@pytest.fixture
def gmina(db):
    from tests.factories.members import MunicipalityFactory

    return MunicipalityFactory(teryt="1401011", name="Stara Błotnica")


@pytest.mark.django_db
def test_membership_application(client, gmina):
    valid = {
        "centre_name": "GOPS",
        "kind": "GOPS",
        "municipality": gmina.teryt,
        "street": "ul. Radomska 1",
        "postal_code": "26-806",
        "city": "Stara Błotnica",
        "centre_email": "gops@example.test",
        "director": "Jan Nowak",
        "first_name": "Jan",
        "last_name": "Nowak",
        "email": "jan@example.test",
        "privacy": "on",
    }

    @FUZZ
    @given(
        data=form_data(APPLICATION_FIELDS), keep=st.sets(st.sampled_from(list(valid)))
    )
    def run(data, keep):
        no_server_error(
            client, "post", "/przystap/", {**data, **{k: valid[k] for k in keep}}
        )

    run()


@pytest.mark.django_db
def test_public_queries(client, gmina):
    @FUZZ
    @given(q=TEXT, page=TEXT, voivodeship=TEXT, gmina_code=TEXT)
    def run(q, page, voivodeship, gmina_code):
        no_server_error(client, "get", "/przystap/", {"q": q, "gmina": gmina_code})
        no_server_error(client, "get", "/przystap/gminy/", {"q": q})
        no_server_error(client, "get", "/szukaj/", {"q": q, "strona": page})
        no_server_error(client, "get", "/czlonkowie/", {"wojewodztwo": voivodeship})

    run()


@pytest.mark.django_db
def test_login_and_language(client, people):
    @FUZZ
    @given(
        data=form_data(["login", "password", "remember", "next"]), lang=TEXT, nxt=TEXT
    )
    def run(data, lang, nxt):
        no_server_error(client, "post", "/konto/login/", data)
        no_server_error(client, "post", "/jezyk/", {"language": lang, "next": nxt})
        no_server_error(client, "post", "/konto/password/reset/", {"email": lang})

    run()


@pytest.mark.django_db
def test_contact_form(client, pages):
    fields = [f.clean_name for f in pages.contact.form_fields.all()] + ["website_url"]

    @FUZZ
    @given(data=form_data(fields))
    def run(data):
        no_server_error(client, "post", pages.contact.url, data)

    run()


@pytest.mark.django_db
def test_centre_contacts_and_invitations(client, people):
    client.force_login(people.rep_a)
    contact_fields = [
        "director",
        "phone",
        "email",
        "website",
        "street",
        "postal_code",
        "city",
    ]

    @FUZZ
    @given(
        contacts=form_data(contact_fields),
        invite=form_data(["email", "first_name", "last_name"]),
    )
    def run(contacts, invite):
        no_server_error(client, "post", "/moj-osrodek/dane/", contacts)
        no_server_error(client, "post", "/moj-osrodek/osoby/zapros/", invite)

    run()


@pytest.mark.django_db
def test_person_actions_and_account(client, people):
    from members.models import Membership

    client.force_login(people.rep_a)
    person = Membership.objects.get(user=people.staff_a).pk

    @FUZZ
    @given(data=form_data(["password", "confirm", "pk"]))
    def run(data):
        no_server_error(client, "post", f"/moj-osrodek/osoby/{person}/usun/", data)
        no_server_error(
            client, "post", f"/moj-osrodek/osoby/{person}/przekaz-funkcje/", data
        )
        no_server_error(client, "post", "/moj-osrodek/usun-konto/", data)
        no_server_error(client, "get", "/moj-osrodek/moje-dane/", data)

    run()


@pytest.mark.django_db
def test_invitation_acceptance(client, people):
    from tests.factories.members import invitation

    _invitation, token = invitation(people.centre_a, email="zaproszona@a.test")

    @FUZZ
    @given(
        data=form_data(["first_name", "last_name", "password1", "password2", "email"]),
        token_text=TEXT,
    )
    def run(data, token_text):
        no_server_error(client, "post", f"/konto/zaproszenie/{token}/", data)
        if token_text and "/" not in token_text and "\x00" not in token_text:
            from urllib.parse import quote

            no_server_error(
                client, "get", f"/konto/zaproszenie/{quote(token_text)}/", {}
            )

    run()


PARTICIPANT_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "position",
    "workshops",
    "meals",
    "accommodation_nights",
    "remarks",
    "special_needs",
    "special_needs_consent",
    "DELETE",
]
MANAGEMENT = [
    "form-TOTAL_FORMS",
    "form-INITIAL_FORMS",
    "form-MIN_NUM_FORMS",
    "form-MAX_NUM_FORMS",
]


@pytest.mark.django_db
def test_conference_registration(client, pages, people):
    from tests.factories.conferences import add_workshop

    conference = pages.conference
    add_workshop(conference)
    client.force_login(people.staff_a)
    url = f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"
    rows = st.integers(min_value=0, max_value=2).flatmap(
        lambda n: st.tuples(
            *[
                form_data([f"form-{i}-{name}" for name in PARTICIPANT_FIELDS])
                for i in range(n + 1)
            ]
        )
    )
    management = st.one_of(
        st.just({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"}),
        form_data(MANAGEMENT),
    )

    @FUZZ
    @given(rows=rows, management=management, add=st.booleans())
    def run(rows, management, add):
        data = dict(management)
        for row in rows:
            data.update(row)
        if add:
            data["add_participant"] = "1"
        no_server_error(client, "post", url, data)

    run()


@pytest.mark.django_db
def test_registration_cancel_and_certificate(client, pages, people):
    from conferences.services.registration import register_participants
    from tests.factories.conferences import participant

    result = register_participants(
        conference=pages.conference,
        centre=people.centre_a,
        user=people.rep_a,
        participants=[participant(1)],
    )
    pk = result.registrations[0].pk
    client.force_login(people.staff_a)

    @FUZZ
    @given(data=form_data(["reason", "confirm", "status"]))
    def run(data):
        no_server_error(
            client, "post", f"/moj-osrodek/konferencje/zgloszenia/{pk}/anuluj/", data
        )
        no_server_error(
            client,
            "get",
            f"/moj-osrodek/konferencje/zgloszenia/{pk}/zaswiadczenie/",
            data,
        )

    run()


@pytest.mark.django_db
def test_comment_sign_and_withdraw(client, pages, people):
    from consultations import services

    opinion = pages.opinion
    signature = services.sign_opinion(
        opinion, people.rep_b, expected_version=opinion.state_version
    )
    client.force_login(people.rep_a)

    @FUZZ
    @given(
        comment=form_data(["body"]),
        sign=form_data(["version"]),
        withdraw=form_data(["version", "signature"]),
        use_real_signature=st.booleans(),
    )
    def run(comment, sign, withdraw, use_real_signature):
        base = f"/opinie/{opinion.pk}"
        no_server_error(client, "post", f"{base}/komentarze/", comment)
        no_server_error(client, "post", f"{base}/podpis/", sign)
        if use_real_signature:
            withdraw = {**withdraw, "signature": str(signature.pk)}
        no_server_error(client, "post", f"{base}/wycofanie/", withdraw)

    run()
