"""NIP: ten digits whose last is the weighted checksum (6,5,7,2,3,4,5,6,7) mod 11."""

import pytest
from django.core.exceptions import ValidationError

from members.validators import nip_is_valid, validate_nip
from tests.factories.members import CentreFactory


@pytest.mark.parametrize(
    "value", ["5260250274", "526-025-02-74", "7740001454", "1234563218"]
)
def test_valid_nips(value):
    assert nip_is_valid(value)


@pytest.mark.parametrize(
    "value",
    ["5260250275", "123456789", "12345678901", "abcdefghij", "1234563210", ""],
)
def test_invalid_nips(value):
    assert not nip_is_valid(value)


def test_checksum_ten_is_never_valid():
    base = "000000055"  # 5*6 + 5*7 = 65 -> 65 % 11 == 10: no check digit fits
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    assert sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11 == 10
    assert not any(nip_is_valid(base + str(digit)) for digit in range(10))


def test_validator_message_is_polish_in_polish():
    from django.utils import translation

    with translation.override("pl"), pytest.raises(ValidationError) as error:
        validate_nip("5260250275")
    assert "NIP" in error.value.messages[0]


@pytest.mark.django_db
def test_centre_model_validates_nip():
    centre = CentreFactory(nip="5260250275")
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "nip" in error.value.message_dict
    centre.nip = "5260250274"
    centre.full_clean()
