"""A NUL byte or a malformed TERYT code in the application never reaches the database."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["\x00", "14010\x0063", "abc", "12345678"])
def test_malformed_gmina_code_is_a_form_error_not_a_server_error(
    client, home_page, value
):
    response = client.get("/przystap/", {"municipality": value})
    assert response.status_code == 200
    response = client.post("/przystap/", {"municipality": value})
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
