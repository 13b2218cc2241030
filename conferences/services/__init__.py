"""Business rules of the conferences app, one module per use case.

Each public function opens its own transaction, checks permissions again, raises a
`conferences.exceptions.ConferenceError` with a translated message, writes an audit
log entry and sends e-mail only after commit.
"""
