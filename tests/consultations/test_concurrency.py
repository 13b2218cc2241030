"""One signature per centre, even when many requests sign at the same moment."""

import threading

import pytest
from django.db import connection
from django.test import Client

from consultations.choices import OpinionState
from consultations.models import Signature

CONCURRENT_SUBMITS = 20


def _fire(count, target):
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = target()
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_service_calls_give_exactly_one_signature(
    postgres_only, make_opinion, rep_a
):
    from consultations import services
    from consultations.exceptions import AlreadySigned, ConsultationError

    opinion = make_opinion(state=OpinionState.OPEN)
    results = _fire(CONCURRENT_SUBMITS, lambda: services.sign_opinion(opinion, rep_a))

    signatures = [r for r in results if isinstance(r, Signature)]
    refused = [r for r in results if isinstance(r, ConsultationError)]
    unexpected = [
        r for r in results if not isinstance(r, Signature | ConsultationError)
    ]
    assert unexpected == []
    assert len(signatures) == 1
    assert len(refused) == CONCURRENT_SUBMITS - 1
    assert all(isinstance(r, AlreadySigned) for r in refused), refused
    assert Signature.objects.filter(opinion=opinion).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_web_submits_never_fail_with_a_server_error(
    postgres_only, make_opinion, rep_a
):
    opinion = make_opinion(state=OpinionState.OPEN)
    version = opinion.state_version

    def submit():
        client = Client(raise_request_exception=False)
        client.force_login(rep_a)
        return client.post(f"/opinie/{opinion.pk}/podpis/", {"version": version})

    responses = _fire(CONCURRENT_SUBMITS, submit)
    assert [getattr(r, "status_code", r) for r in responses] == [302] * len(responses)
    assert Signature.objects.filter(opinion=opinion).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_withdraw_and_resign_keep_one_active_signature(
    postgres_only, make_opinion, rep_a
):
    from consultations import services
    from consultations.exceptions import ConsultationError

    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)

    def toggle(i):
        if i % 2:
            return services.sign_opinion(opinion, rep_a)
        return services.withdraw_signature(opinion, rep_a)

    counter = iter(range(CONCURRENT_SUBMITS))
    lock = threading.Lock()

    def target():
        with lock:
            i = next(counter)
        return toggle(i)

    results = _fire(CONCURRENT_SUBMITS, target)
    assert all(isinstance(r, Signature | ConsultationError) for r in results), results
    assert Signature.objects.active().filter(opinion=opinion).count() <= 1


@pytest.mark.django_db(transaction=True)
def test_without_lock_and_check_the_unique_index_still_decides(
    postgres_only, make_opinion, rep_a, monkeypatch
):
    """Even with the row lock and the existence check removed, the partial unique
    index lets exactly one signature in; the others become "already signed"."""
    from consultations import services
    from consultations.exceptions import AlreadySigned, ConsultationError
    from consultations.models import OpinionPage
    from consultations.services import signing

    monkeypatch.setattr(
        signing, "lock_opinion", lambda pk: OpinionPage.objects.get(pk=pk)
    )
    monkeypatch.setattr(signing, "_active_signature", lambda opinion, centre: None)
    opinion = make_opinion(state=OpinionState.OPEN)
    results = _fire(CONCURRENT_SUBMITS, lambda: services.sign_opinion(opinion, rep_a))

    assert all(isinstance(r, Signature | ConsultationError) for r in results), results
    assert sum(isinstance(r, Signature) for r in results) == 1
    assert sum(isinstance(r, AlreadySigned) for r in results) == CONCURRENT_SUBMITS - 1
    assert Signature.objects.filter(opinion=opinion).count() == 1
