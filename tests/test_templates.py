import pytest

from crampcoach.voice.templates import TemplateError, compile_template, expand, words_of

LISTS = {"side": {"left": ["left"], "right": ["right", "right side"]}}


def test_optional_choice_and_slot_compile_to_a_search_pattern():
    pat = compile_template("[my] {side} (calf|leg)", LISTS)
    assert pat.search(" oh my right side calf ")
    assert pat.search(" left leg ")
    assert not pat.search(" left foot ")
    assert not pat.search(" leftover leg ")  # whole words only


def test_expand_lists_every_sentence():
    assert sorted(expand("[my] {side} calf", LISTS)) == sorted([
        "my left calf", "my right calf", "my right side calf",
        "left calf", "right calf", "right side calf",
    ])


def test_expand_respects_limit():
    assert len(list(expand("(a|b|c) (d|e|f) (g|h|i)", {}, limit=5))) == 5


def test_words_of_includes_slot_phrases():
    assert words_of("[my] {side} calf", LISTS) == {"my", "left", "right", "side", "calf"}


@pytest.mark.parametrize("bad", ["(a|b", "[a", "a)", "{side", "{nolist}"])
def test_malformed_templates_are_refused_with_a_message(bad):
    with pytest.raises(TemplateError):
        compile_template(bad, LISTS)
