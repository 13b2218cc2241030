"""Member discussion: sanitised comments and their moderation."""

from html import escape
from html.parser import HTMLParser

import bleach
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from ..exceptions import CommentRefused, NotAllowed
from ..models import Comment, OpinionPage
from ..permissions import can_manage_opinion, comment_refusal, member_centre_of
from .locking import atomic_or_try_again

ALLOWED_TAGS = ["a", "b", "br", "em", "i", "li", "ol", "p", "strong", "ul"]
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]
MAX_COMMENT_LENGTH = 5000
MAX_REASON_LENGTH = 500


def _nofollow(attrs, new=False):
    """Every link in a comment gets rel="nofollow noopener"."""
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


class _Reserialiser(HTMLParser):
    """Writes bleach's output again with every quote in text escaped as well.

    The markup is already safe; escaping quotes in text too keeps a comment inert
    even if a template ever placed it inside an attribute.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = "".join(
            f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs
        )
        self.parts.append(f"<{tag}{attributes}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag != "br":
            self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(escape(data, quote=True))


def _reserialise(html: str) -> str:
    parser = _Reserialiser()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def sanitize_comment(text: str) -> str:
    """Keep a small safe subset of HTML; plain text gets paragraphs and line breaks."""
    cleaned = bleach.clean(
        text.strip(),
        tags=ALLOWED_TAGS,
        attributes={"a": ["href"]},
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    if "<p" not in cleaned and "<ul" not in cleaned and "<ol" not in cleaned:
        cleaned = linebreaks(cleaned, autoescape=False)
    linked = bleach.linkify(cleaned, callbacks=[_nofollow], parse_email=False)
    # A final pass: linkify must not be able to reintroduce anything unsafe.
    cleaned = bleach.clean(
        linked,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
    )
    return _reserialise(cleaned)


def post_comment(opinion: OpinionPage, user, text: str) -> Comment:
    """Add a member's comment to a draft or open opinion."""
    refusal = comment_refusal(user, opinion)
    if refusal:
        raise NotAllowed(refusal)
    text = (text or "").strip()
    if not text:
        raise CommentRefused(_("Write a comment first."))
    if len(text) > MAX_COMMENT_LENGTH:
        raise CommentRefused(
            _("The comment may have at most %(limit)d characters.")
            % {"limit": MAX_COMMENT_LENGTH}
        )
    body = sanitize_comment(text)
    if not bleach.clean(body, tags=[], strip=True).strip():
        raise CommentRefused(_("The comment has no text left after cleaning."))
    comment = Comment(
        opinion=opinion, author=user, centre=member_centre_of(user), body=body
    )
    try:  # the stored limit holds for every caller (the relations are known good)
        comment.clean_fields(exclude=["opinion", "author", "centre", "hidden_by"])
    except ValidationError as error:
        raise CommentRefused(
            _("The comment is too long once its links are formatted; shorten it.")
        ) from error
    with atomic_or_try_again():
        comment.save()
    return comment


def hide_comment(comment: Comment, user, reason: str) -> Comment:
    """Hide a comment with a reason; it stays in the database for the record."""
    reason = (reason or "").strip()
    with atomic_or_try_again():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        opinion = OpinionPage.objects.get(pk=comment.opinion_id)
        if not can_manage_opinion(user, opinion):
            raise NotAllowed(_("You may not moderate this discussion."))
        if comment.is_hidden:
            raise CommentRefused(_("This comment is already hidden."))
        if not reason:
            raise CommentRefused(
                _("Give the reason for hiding the comment."), field="reason"
            )
        if len(reason) > MAX_REASON_LENGTH:
            raise CommentRefused(
                _("The reason may have at most %(limit)d characters.")
                % {"limit": MAX_REASON_LENGTH},
                field="reason",
            )
        comment.hidden_at = timezone.now()
        comment.hidden_by = user
        comment.hidden_reason = reason
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        log(
            instance=opinion,
            action="consultations.comment_hide",
            user=user,
            data={"comment_id": comment.pk, "reason": comment.hidden_reason},
        )
    return comment
