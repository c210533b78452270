import pytest

from crampcoach.voice.templates import (
    Looseness,
    TemplateError,
    compile_template,
    expand,
    words_of,
)

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


def test_skippable_words_may_come_between_words_but_never_start_or_end_a_match():
    loose = Looseness(skip=("really", "kind of"))
    pat = compile_template("its gone", LISTS, loose)
    assert pat.search(" its really gone ")
    assert pat.search(" its kind of really gone ")
    m = pat.search(" really its gone really ")
    assert m and m.group(0) == "its gone "
    assert not compile_template("its gone", LISTS).search(" its really gone ")


def test_stand_ins_match_for_a_word_in_templates_and_slot_phrases():
    loose = Looseness(same={"my": ("my", "the", "his")})
    lists = {"m": {"hamstring": ["back of my thigh"]}}
    pat = compile_template("pain in {m}", lists, loose)
    assert pat.search(" pain in back of his thigh ")
    assert not pat.search(" pain in back of a thigh ")
    assert compile_template("my leg", lists, loose).search(" the leg ")
