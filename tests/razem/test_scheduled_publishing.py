"""A page scheduled in the editor goes live (and expires) by itself.

The clock is frozen with time-machine. The scheduler's tick (`enqueue_due_jobs`)
only queues the `publish-scheduled` job on the database queue; the page changes
when the worker (`manage.py db_worker --batch`) runs it. Before and after, an
anonymous visitor's view of the page, its parent listing and the home page comes
from the page cache, and the navigation and remembered routes are cached too: after
the worker's run every one of them shows the new state.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from articles.models import ArticlePage
from razem.models import StandardPage
from razem.scheduling import SCHEDULE, enqueue_due_jobs
from razem.tasks import publish_scheduled
from tests.factories.articles import ArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=WARSAW)
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def site(home_page, settings):
    settings.TASKS = DB_QUEUE
    settings.RAZEM_PAGE_CACHE_SECONDS = 600
    with time_machine.travel(NOON - datetime.timedelta(days=1), tick=False):
        news = NewsIndexPageFactory(parent=home_page)
        ArticlePageFactory(parent=news, title="Starszy artykuł")
    return home_page, Page.objects.get(pk=news.pk).specific


def anonymous_get(path: str):
    """What an anonymous visitor sees (a fresh client: no cookies)."""
    return Client().get(path)


def warm(*paths: str) -> None:
    """Render and cache each page, and prove the next view comes from the cache."""
    for path in paths:
        anonymous_get(path)
        assert anonymous_get(path)["X-Page-Cache"] == "hit", path


@pytest.fixture
def run_worker(django_capture_on_commit_callbacks, monkeypatch):
    """The worker's pass over the queue; its commits run their on-commit work
    (the cache invalidation) as in a real worker process.

    The worker closes old connections between tasks, which on PostgreSQL would
    close the test's own transaction: here it runs on the test's connection."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run


@pytest.fixture
def tick_and_work(run_worker):
    """The scheduler's pass, then the worker's."""

    def tick():
        assert "publish-scheduled" in enqueue_due_jobs()
        run_worker()

    return tick


def schedule(page, at: datetime.datetime, **changes):
    """Publish a revision of `page` (with `changes`) to go live at `at`."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.go_live_at = at
    revision = page.save_revision()
    revision.publish(skip_permission_checks=True)
    return revision


def test_the_job_runs_every_minute():
    job = next(job for job in SCHEDULE if job.name == "publish-scheduled")
    assert job.task == "razem.tasks.publish_scheduled_task"
    assert job.every == datetime.timedelta(minutes=1)


def test_a_page_scheduled_a_minute_ahead_appears_by_itself(site, run_worker):
    home, news = site
    with time_machine.travel(NOON, tick=False):
        draft = news.add_child(
            instance=ArticlePage(
                title="Nowy numer biuletynu",
                slug="nowy-numer-biuletynu",
                lead="Zajawka biuletynu.",
                live=False,
            )
        )
        schedule(draft, NOON + datetime.timedelta(minutes=1))
        draft.refresh_from_db()
        assert not draft.live and draft.has_unpublished_changes
        enqueue_due_jobs()  # the first pass of a fresh installation
        run_worker()
        assert anonymous_get("/aktualnosci/nowy-numer-biuletynu/").status_code == 404
        warm("/", "/aktualnosci/")
        assert "Nowy numer biuletynu" not in anonymous_get("/").content.decode()

    with time_machine.travel(NOON + datetime.timedelta(seconds=61), tick=False):
        assert "publish-scheduled" in enqueue_due_jobs()
        # Queued, not yet run: nothing has changed for visitors.
        assert not ArticlePage.objects.get(pk=draft.pk).live
        run_worker()

        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.live and article.first_published_at is not None
        response = anonymous_get("/aktualnosci/nowy-numer-biuletynu/")
        assert response.status_code == 200
        assert "Nowy numer biuletynu" in response.content.decode()
        for path in ("/", "/aktualnosci/"):
            response = anonymous_get(path)
            assert response["X-Page-Cache"] == "miss", path
            assert "Nowy numer biuletynu" in response.content.decode(), path


def test_a_scheduled_revision_of_a_live_page_replaces_it_everywhere(
    site, tick_and_work
):
    home, news = site
    with time_machine.travel(NOON, tick=False):
        article = ArticlePageFactory(parent=news, title="Program konferencji")
        warm(article.url, "/aktualnosci/", "/")
        schedule(
            ArticlePage.objects.get(pk=article.pk),
            NOON + datetime.timedelta(minutes=1),
            title="Program konferencji (zmieniony)",
        )
        # Scheduled, not live: visitors still see the published version.
        assert anonymous_get(article.url)["X-Page-Cache"] == "hit"

    with time_machine.travel(NOON + datetime.timedelta(seconds=61), tick=False):
        tick_and_work()
        for path in (article.url, "/aktualnosci/", "/"):
            html = anonymous_get(path).content.decode()
            assert "Program konferencji (zmieniony)" in html, path


def test_a_page_in_the_menu_appears_in_the_navigation_when_it_goes_live(
    site, tick_and_work
):
    home, news = site
    with time_machine.travel(NOON, tick=False):
        draft = home.add_child(
            instance=StandardPage(
                title="Walne zebranie 2026",
                slug="walne-zebranie-2026",
                show_in_menus=True,
                live=False,
            )
        )
        schedule(draft, NOON + datetime.timedelta(minutes=1))
        member = Client()
        member.force_login(_member())
        assert "Walne zebranie 2026" not in member.get("/").content.decode()
        warm("/aktualnosci/")

    with time_machine.travel(NOON + datetime.timedelta(seconds=61), tick=False):
        tick_and_work()
        assert "Walne zebranie 2026" in member.get("/").content.decode()
        assert "Walne zebranie 2026" in anonymous_get("/aktualnosci/").content.decode()
        assert member.get("/walne-zebranie-2026/").status_code == 200


def test_a_page_expires_by_itself_and_leaves_every_cache(site, tick_and_work):
    home, news = site
    with time_machine.travel(NOON, tick=False):
        article = ArticlePageFactory(parent=news, title="Nabór do 1 marca")
        page = ArticlePage.objects.get(pk=article.pk)
        page.expire_at = NOON + datetime.timedelta(minutes=1)
        page.save_revision().publish(skip_permission_checks=True)
        menu_page = home.add_child(
            instance=StandardPage(
                title="Ankieta do 1 marca", slug="ankieta", show_in_menus=True
            )
        )
        menu_page.expire_at = NOON + datetime.timedelta(minutes=1)
        menu_page.save_revision().publish(skip_permission_checks=True)
        member = Client()
        member.force_login(_member())
        assert member.get("/ankieta/").status_code == 200  # the route is remembered
        assert "Ankieta do 1 marca" in member.get("/").content.decode()
        warm(article.url, "/aktualnosci/", "/")
        assert "Nabór do 1 marca" in anonymous_get("/").content.decode()

    with time_machine.travel(NOON + datetime.timedelta(seconds=61), tick=False):
        tick_and_work()
        assert not ArticlePage.objects.get(pk=article.pk).live
        assert ArticlePage.objects.get(pk=article.pk).expired
        assert anonymous_get(article.url).status_code == 404
        for path in ("/aktualnosci/", "/"):
            assert "Nabór do 1 marca" not in anonymous_get(path).content.decode()
        assert member.get("/ankieta/").status_code == 404
        assert "Ankieta do 1 marca" not in member.get("/").content.decode()


def test_one_page_that_cannot_be_published_does_not_hold_up_the_others(
    site, monkeypatch
):
    home, news = site
    with time_machine.travel(NOON, tick=False):
        first = news.add_child(
            instance=ArticlePage(
                title="Pierwszy", slug="pierwszy", lead="a", live=False
            )
        )
        second = news.add_child(
            instance=ArticlePage(title="Drugi", slug="drugi", lead="b", live=False)
        )
        schedule(first, NOON + datetime.timedelta(seconds=30))
        schedule(second, NOON + datetime.timedelta(seconds=40))
    original = ArticlePage.full_clean

    def refuse_the_first(self, *args, **kwargs):
        from django.core.exceptions import ValidationError

        if self.pk == first.pk:
            raise ValidationError({"lead": "odrzucone"})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "full_clean", refuse_the_first)
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        counts = publish_scheduled()
    assert counts == {"unpublished": 0, "published": 1, "failed": 1}
    assert ArticlePage.objects.get(pk=second.pk).live
    assert not ArticlePage.objects.get(pk=first.pk).live


def _member():
    from tests.factories.members import representative

    return representative()


def test_wagtails_own_command_publishes_and_leaves_the_caches_too(
    site, django_capture_on_commit_callbacks
):
    """`manage.py publish_scheduled` (a one-off run) goes through the same
    publishing signals as the job: the cached listing shows the new page."""
    home, news = site
    with time_machine.travel(NOON, tick=False):
        draft = news.add_child(
            instance=ArticlePage(
                title="Komunikat zarządu", slug="komunikat", lead="a", live=False
            )
        )
        schedule(draft, NOON + datetime.timedelta(minutes=1))
        warm("/aktualnosci/")
    with time_machine.travel(NOON + datetime.timedelta(minutes=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", verbosity=0)
        assert "Komunikat zarządu" in anonymous_get("/aktualnosci/").content.decode()
