"""The Polish normaliser: case, diacritics and inflected forms share one stem."""

import pytest

from razem.search.text import fold, normalise, query_stems, stem


def stems_of(*forms):
    return {stem(fold(form)) for form in forms}


@pytest.mark.parametrize(
    "forms",
    [
        ("konferencja", "konferencji", "konferencje", "konferencjach", "Konferencją"),
        ("pomoc", "pomocy", "POMOC"),
        ("społeczna", "społecznej", "spoleczna", "społecznych", "Społeczny"),
        ("ośrodek", "ośrodka", "ośrodki", "ośrodków", "osrodkach"),
        ("gmina", "gminy", "gmin", "gminie", "gminach"),
        ("mieszkaniec", "mieszkańca", "mieszkańców"),
        ("rodzina", "rodziny", "rodzinie"),
    ],
)
def test_inflected_forms_share_one_stem(forms):
    assert len(stems_of(*forms)) == 1, stems_of(*forms)


def test_fold_strips_every_polish_diacritic_and_case():
    assert fold("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż") == "acelnoszz acelnoszz"


def test_different_words_keep_different_stems():
    assert stem("gmina") != stem("gminny"[:-1] + "e")  # gmin vs gminn
    assert stem("pomoc") != stem("pomost")


def test_short_words_are_not_cut_below_three_letters():
    assert stem("dom") == "dom"
    assert stem("domu") == "dom"
    assert stem("ul") == "ul"


def test_normalise_surrounds_stems_with_spaces_for_prefix_matching():
    assert normalise("Pomoc społeczna w gminie") == " pomoc spoleczn w gmin "


def test_query_stems_drop_stop_words_and_duplicates():
    assert query_stems("pomoc w gminie i pomocy") == ["pomoc", "gmin"]
    assert query_stems("w") == ["w"]
    assert query_stems("  ") == []
