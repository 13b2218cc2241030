"""Demo content of the house: site, home page, policy pages, staff logins.

Every app has a `demo.py` with a `load(stdout)` function; `manage.py load_demo` calls
them in dependency order. Each loader is idempotent: it looks things up by a stable key
(slug, e-mail, TERYT code) and creates only what is missing.
"""

from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from . import demo_texts as texts
from .models import ContactPage, FormField, HomePage, StandardPage

DEMO_PASSWORD = "razem-demo-2026"  # noqa: S105 (documented demo password)


def ensure_user(email: str, *, first_name: str = "", last_name: str = "", **flags):
    """Create (or fetch) a demo account with the demo password and a verified e-mail."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, **flags},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _ensure_tree_root() -> Page:
    """Wagtail's root page and default locale (gone after a flushed test database)."""
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def ensure_home_page() -> HomePage:
    """Replace Wagtail's welcome page with the RAZEM home page and point the site at it."""
    home = HomePage.objects.first()
    if home is None:
        root = _ensure_tree_root()
        home = root.add_child(
            instance=HomePage(
                title="Strona główna",
                slug="razem",
                seo_title="RAZEM – Stowarzyszenie Ośrodków Pomocy Społecznej",
                intro=(
                    "<p>Zrzeszamy ośrodki pomocy społecznej z gmin do 50 000 mieszkańców: "
                    "wiejskich, miejsko-wiejskich oraz małych i średnich miast. Szkolimy, "
                    "opiniujemy projekty przepisów i razem występujemy wobec ministerstwa.</p>"
                ),
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="RAZEM",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "RAZEM"
        site.save()
        if old_root.depth == 2 and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    return home


def point_site_at_base_url() -> Site:
    """The default site's host and port from `WAGTAILADMIN_BASE_URL` (what `make
    demo` serves, e.g. http://127.0.0.1:8000), so that "view live" in the admin,
    page addresses in e-mails and PDFs and the sitemap lead to the demo itself."""
    from urllib.parse import urlsplit

    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.get(is_default_site=True)
    hostname = base.hostname or site.hostname
    port = base.port or (443 if base.scheme == "https" else 80)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site


STANDARD_PAGES = [
    # (slug, title, lead, body paragraphs, shown in the main menu)
    ("o-stowarzyszeniu", "O stowarzyszeniu", texts.ABOUT_LEAD, texts.ABOUT, True),
    ("statut", "Statut", texts.STATUTE_LEAD, texts.STATUTE, False),
    ("zarzad", "Zarząd", texts.BOARD_LEAD, texts.BOARD, False),
    (
        "polityka-prywatnosci",
        "Polityka prywatności",
        texts.PRIVACY_LEAD,
        texts.PRIVACY,
        False,
    ),
    ("polityka-cookies", "Polityka cookies", texts.COOKIES_LEAD, texts.COOKIES, False),
    (
        "deklaracja-dostepnosci",
        "Deklaracja dostępności",
        texts.ACCESSIBILITY_LEAD,
        texts.ACCESSIBILITY,
        False,
    ),
]

CONTACT_FIELDS = [
    # (label, field type, required, help text)
    ("Imię i nazwisko", "singleline", True, ""),
    ("E-mail", "email", True, "Na ten adres wyślemy odpowiedź."),
    ("Temat", "singleline", True, ""),
    ("Wiadomość", "multiline", True, ""),
    (
        "Zgoda",
        "checkbox",
        True,
        "Zgadzam się na przetwarzanie moich danych w celu odpowiedzi na wiadomość "
        "(szczegóły w polityce prywatności).",
    ),
]


def ensure_standard_pages(home: HomePage, user) -> None:
    """The about, statute, board and policy pages directly under the home page."""
    for slug, title, lead, paragraphs, in_menu in STANDARD_PAGES:
        if home.get_children().filter(slug=slug).exists():
            continue
        page = home.add_child(
            instance=StandardPage(
                title=title,
                slug=slug,
                lead=lead,
                show_in_menus=in_menu,
                body=[("paragraph", html) for html in paragraphs],
                owner=user,
            )
        )
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)


def ensure_contact_page(home: HomePage, user) -> ContactPage:
    """The contact page with its form, e-mailed to the association's office."""
    page = ContactPage.objects.child_of(home).filter(slug="kontakt").first()
    if page is not None:
        return page
    page = home.add_child(
        instance=ContactPage(
            title="Kontakt",
            slug="kontakt",
            show_in_menus=True,
            intro=texts.CONTACT_INTRO,
            thank_you_text=texts.CONTACT_THANKS,
            to_address=settings.RAZEM_STAFF_EMAIL,
            from_address=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
            subject="Wiadomość z formularza kontaktowego",
            owner=user,
        )
    )
    for order, (label, field_type, required, help_text) in enumerate(CONTACT_FIELDS):
        FormField.objects.create(
            page=page,
            sort_order=order,
            label=label,
            field_type=field_type,
            required=required,
            help_text=help_text,
        )
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page


def _let_editors_publish(editors: Group, home: HomePage) -> None:
    """The editorial office publishes news itself, without a moderator."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    publish = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )
    GroupPagePermission.objects.get_or_create(
        group=editors, page=home, permission=publish
    )


def load(stdout) -> None:
    """Create the home page, the standard and contact pages, the staff logins."""
    home = ensure_home_page()
    site = point_site_at_base_url()
    ensure_user(
        "admin@razem.test",
        first_name="Andrzej",
        last_name="Barszcz",
        is_staff=True,
        is_superuser=True,
    )
    editor = ensure_user(
        "redakcja@razem.test", first_name="Ewa", last_name="Redakcyjna", is_staff=True
    )
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editor.groups.add(editors)
        _let_editors_publish(editors, home)
    ensure_standard_pages(home, editor)
    ensure_contact_page(home, editor)
    stdout.write(
        "  razem: home, standard and contact pages, admin@razem.test, "
        f"redakcja@razem.test; site at {site.root_url}"
    )
