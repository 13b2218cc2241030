"""Wagtail's messages that its Polish catalogue (Wagtail 8.0) lacks, for our staff.

Wagtail's admin answered our editors in English where its Polish translation has no
entry: a slug already in use, "the page could not be created due to validation
errors", the scheduling dialog and status panel, the messages after saving,
scheduling, publishing and moderating. The house's catalogue (`razem/locale`)
translates them; `razem` comes before Wagtail in INSTALLED_APPS, so its entries
are the ones used. This module only names the messages so that `makemessages`
keeps them; nothing imports it. Remove an entry once Wagtail's own catalogue has it.
It also names the allauth messages whose Polish we correct (ALLAUTH_MESSAGES).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = (
    # Validation in the page editor and the forms it builds.
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop(
        "The slug '%(page_slug)s' is already in use within the parent page at "
        "'%(parent_url_path)s'."
    ),
    gettext_noop(
        "The slug '%(page_slug)s' is already in use at the selected parent page. "
        "Make sure the slug is unique and try again."
    ),
    gettext_noop("Expiry date/time must be in the future."),
    gettext_noop("Date cannot be in the future."),
    gettext_noop("Please select another parent."),
    gettext_noop("Tag(s) %(value_too_long)s are over %(max_tag_length)d characters."),
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("The %(model_name)s could not be saved as it is locked"),
    # Wagtail's Polish makes every model masculine ("Zaproszenie nie mógł zostać
    # utworzony"): phrased so that any model's name reads correctly.
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("The %(model_name)s could not be saved due to errors."),
    gettext_noop("Go to the first error"),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop(
        "Correct the validation errors to resume preview (saving will highlight errors)"
    ),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop(
        "Cannot overwrite a revision that is not the latest for this %(model_name)s."
    ),
    gettext_noop(
        "Cannot overwrite a revision that was not created by the current user."
    ),
    gettext_noop('You do not have permission to publish pages at "%(page_title)s"'),
    gettext_noop("You do not have permission to access the admin."),
    gettext_noop(
        "The name '%(duplicate_clean_name)s' is already assigned to this field and "
        "cannot be changed. Please enter a different label for the conflicting field."
    ),
    gettext_noop(
        "Field name '%(duplicate_clean_name)s' conflicts with another field. Please "
        "change the label."
    ),
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    gettext_noop(
        "The file could not be found. Please change the source or delete the document."
    ),
    gettext_noop("The filter options you have selected are not valid."),
    # Scheduling and the status side panel.
    gettext_noop("Scheduling…"),
    gettext_noop("Schedule to publish"),
    gettext_noop(
        "This publishing schedule will only take effect after you select the "
        '"Schedule to publish" option'
    ),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Once scheduled:"),
    gettext_noop("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s scheduled for publishing"),
    gettext_noop("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s unscheduled from publishing"),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Locked by"),
    gettext_noop("Anyone"),
    # Messages after saving, publishing, moderating.
    gettext_noop("'%(page_title)s' has been moved successfully."),
    gettext_noop("%(model_name)s '%(title)s' is now unlocked."),
    gettext_noop("%(model_name)s '%(object)s' has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop(
        "%(model_name)s '%(object)s' is live and this version has been scheduled "
        "for publishing."
    ),
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
    gettext_noop("%(model_name)s '%(object)s' created and submitted for moderation."),
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been restarted."),
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    gettext_noop(
        "%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."
    ),
    gettext_noop(
        "Version from %(timestamp)s of %(model_name)s '%(object)s' has been published."
    ),
    gettext_noop(
        "Version from %(timestamp)s of %(model_name)s '%(object)s' has been "
        "scheduled for publishing."
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to '
        'workflow "%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to '
        'workflow "%(workflow)s".'
    ),
    gettext_noop("This %(model_name)s hasn't been submitted for moderation yet"),
    gettext_noop(
        "The %(model_name)s '%(title)s' is not currently awaiting moderation."
    ),
    gettext_noop(
        "This page was marked as needing changes at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ),
    gettext_noop(
        "This page is currently at <strong>%(task)s</strong> in "
        "<strong>%(workflow)s</strong>."
    ),
    gettext_noop("Cancelled by %(cancelled_by)s"),
    gettext_noop("Removed the '%(restriction)s' view restriction. The page is public."),
    gettext_noop("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    gettext_noop("Private, accessible with a shared password"),
    gettext_noop("Private, accessible to any logged-in users"),
    gettext_noop("shared password"),
    gettext_noop(
        "Shared passwords should not be used to protect sensitive content. Anyone "
        "who has this password will be able to view the content."
    ),
    gettext_noop(
        "You are viewing a previous version of this %(model_name)s from "
        "<b>%(created_at)s</b> by %(user)s"
    ),
    gettext_noop("View latest version"),
    gettext_noop("Proceeding will overwrite the changes you made in that window."),
    gettext_noop("Proceeding will overwrite the changes made by %(user_name)s."),
    gettext_noop("Alternatively, you can view the latest version in a new tab."),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the "
        "editor in a separate tab to view the last saved version."
    ),
    gettext_noop("%(parent_pages)s and %(child_pages)s have been deleted"),
    gettext_noop("%(parent_pages)s and %(child_pages)s have been published"),
    gettext_noop("%(parent_pages)s and %(child_pages)s have been unpublished"),
    # Listings.
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add '
        "one</a>?"
    ),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across "
        "entire site."
    ),
    gettext_noop("Compare"),
    gettext_noop("Usage count"),
    gettext_noop("Minimum"),
    gettext_noop("Maximum"),
    gettext_noop("(blank)"),
    gettext_noop("- Select an option -"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Add a concise description for search engines"),
)

# allauth's Polish catalogue (65.x) with typos and wrong forms the browser trial read
# ("Wprowadż" for "Wprowadź", "Adresy email" for one address); our entries win.
ALLAUTH_MESSAGES = (
    gettext_noop("Enter Password Reset Code"),
    gettext_noop("Enter your password:"),
    gettext_noop("Email Address"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Email Removed"),
)

PLURAL_MESSAGES = (
    ngettext_lazy(
        "%(num_parent_objects)d page has been deleted",
        "%(num_parent_objects)d pages have been deleted",
        "num_parent_objects",
    ),
    ngettext_lazy(
        "%(num_parent_objects)d page has been published",
        "%(num_parent_objects)d pages have been published",
        "num_parent_objects",
    ),
    ngettext_lazy(
        "%(num_parent_objects)d page has been unpublished",
        "%(num_parent_objects)d pages have been unpublished",
        "num_parent_objects",
    ),
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages", "n"),
    ngettext_lazy(
        "%(num_child_objects)d child page", "%(num_child_objects)d child pages", "n"
    ),
    ngettext_lazy("%(num_pages)d page", "%(num_pages)d pages", "num_pages"),
    ngettext_lazy(
        "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
        "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
        "n",
    ),
)
