"""Tags and the tag scheme: the default scheme, validation, and scheme edits."""

from __future__ import annotations

import json

import pytest

from lectern.core.errors import LecternError
from lectern.core.resources import resource_path
from lectern.core.tags import Tag, TagInUse, TagScheme, default_scheme

DEFAULT_NAMES = ["Person", "Organisation", "Place", "Date", "Figure", "Claim", "Quote",
                 "Question", "Important"]


def test_default_scheme_has_nine_tags_with_keys_one_to_nine():
    scheme = default_scheme()
    assert scheme.names == DEFAULT_NAMES
    assert [t.shortcut for t in scheme] == [str(i) for i in range(1, 10)]
    assert len({t.colour for t in scheme}) == 9


def test_tag_validation():
    assert Tag(" Claim ", "#ABCDEF").name == "Claim"
    assert Tag("Claim", "#ABCDEF").colour == "#abcdef"
    for name, colour, shortcut in [("", "#000000", None), ("x" * 41, "#000000", None),
                                   ("a\tb", "#000000", None), ("A", "red", None),
                                   ("A", "#12345", None), ("A", "#000000", "ab"),
                                   ("A", "#000000", " "), (3, "#000000", None)]:
        with pytest.raises(LecternError):
            Tag(name, colour, shortcut)


def test_names_and_shortcuts_are_unique_ignoring_case():
    scheme = TagScheme([Tag("Claim", "#111111", "c")])
    with pytest.raises(LecternError, match="already a tag"):
        scheme.add(Tag("claim", "#222222"))
    with pytest.raises(LecternError, match="already tags"):
        scheme.add(Tag("Other", "#222222", "C"))
    assert scheme.find("CLAIM").name == "Claim" and "claim" in scheme
    assert scheme.by_shortcut("C").name == "Claim"


def test_scheme_edits_notify_and_keep_order():
    scheme = default_scheme()
    seen = []
    scheme.subscribe(lambda: seen.append(scheme.names[5]))
    scheme.rename("claim", "Assertion")
    scheme.recolour("Assertion", "#010203")
    scheme.set_shortcut("Assertion", None)
    scheme.set_shortcut("Person", "p")
    assert scheme.names[5] == "Assertion" and scheme.get("Assertion").colour == "#010203"
    assert scheme.get("Assertion").shortcut is None and len(seen) == 4
    with pytest.raises(LecternError, match="already tags"):
        scheme.set_shortcut("Place", "P")
    with pytest.raises(LecternError, match="already a tag"):
        scheme.rename("Place", "person")
    with pytest.raises(TagInUse):
        scheme.remove("Place", in_use=2)
    scheme.remove("Place", in_use=2, force=True)
    assert "Place" not in scheme and len(scheme) == 8
    with pytest.raises(LecternError, match="no tag"):
        scheme.remove("Place")


def test_scheme_json_round_trip_and_spare_colours():
    scheme = default_scheme()
    assert TagScheme.from_json(scheme.to_json()).tags == scheme.tags
    colour = scheme.spare_colour()
    assert colour not in {t.colour for t in scheme}


@pytest.mark.parametrize("content,message", [
    ("{", "not valid JSON"),
    ("[]", "list of “tags”"),
    ('{"version": 2, "tags": []}', "version 2"),
    ('{"tags": [1]}', "tag 1 is not an object"),
    ('{"tags": [{"name": "A", "colour": "blue"}]}', "tag 1: The colour"),
    ('{"tags": [{"name": "A", "colour": "#000000"}, {"name": "a", "colour": "#000000"}]}',
     "already a tag"),
])
def test_bad_scheme_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "tags.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LecternError, match=message) as error:
        TagScheme.load(path)
    assert "tags.json" in str(error.value)


def test_missing_scheme_file_is_a_clear_error(tmp_path):
    with pytest.raises(LecternError, match="cannot be read"):
        TagScheme.load(tmp_path / "none.json")


def test_default_file_is_plain_json():
    data = json.loads(resource_path("tags", "default_tags.json").read_text(encoding="utf-8"))
    assert data["version"] == 1


def test_tag_in_use_is_a_lectern_error():
    error = TagInUse("Claim", 3)
    assert isinstance(error, LecternError) and "3 annotations" in str(error)
    assert "force=True" in str(error)


def test_tags_stand_for_entity_labels_and_a_rename_keeps_the_link():
    scheme = default_scheme()
    assert scheme.for_label("PERSON").name == "Person"
    assert scheme.for_label("GPE").name == scheme.for_label("LOC").name == "Place"
    assert scheme.for_label("CARDINAL").name == "Figure"
    assert scheme.for_label("NORP") is None  # no default tag for nationalities
    scheme.rename("Person", "Human source")
    assert scheme.for_label("PERSON").name == "Human source"


def test_a_misspelt_label_in_a_scheme_file_is_refused():
    with pytest.raises(LecternError, match="labels of tag “Person” must be among"):
        TagScheme.from_json({"tags": [{"name": "Person", "colour": "#112233",
                                       "labels": ["PERSN"]}]})
    with pytest.raises(LecternError, match="must be a list"):
        Tag("Person", "#112233", labels="PERSON")  # type: ignore[arg-type]
