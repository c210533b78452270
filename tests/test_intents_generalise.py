"""Classes of phrasing nobody wrote a template for (issue 13): each class is a rule of the
matcher or of the language data, tested on sentences that are in no template."""

from __future__ import annotations

import pytest

from crampcoach.voice.host import PluginHost
from crampcoach.voice.language import load
from crampcoach.voice.session import build_matcher
from crampcoach.voice.templates import expand


@pytest.fixture(scope="module")
def en():
    return build_matcher(PluginHost(autoload=False), "en")


def _check(matcher, text, intent, slots):
    got = matcher.match(text)
    assert (got.name, got.slots) == (intent, slots), f"{text!r} → {got.name} {got.slots}"


CLASSES = {
    # Words between a sentence's words: intensifiers and hedges.
    "skippable": [
        ("it's really gone", "cramp.over", {}),
        ("the cramp has just stopped", "cramp.over", {}),
        ("it's pretty much gone", "cramp.over", {}),
        ("i think it's actually over", "cramp.over", {}),
        ("can you please repeat that", "coach.repeat", {}),
        ("i really can't reach my foot", "coach.alternative", {"limit": "reach"}),
    ],
    # "like" is no filler where it means something; a hedge where it does not.
    "like": [
        ("it feels like a knife in my foot", "cramp.report", {"muscle": "foot"}),
        ("like a seven out of ten", "log.severity", {"severity": 7}),
        ("i'd like a tip", "tips.request", {}),
        ("it's like gone now", "cramp.over", {}),
    ],
    # "'s" after a word that is not "it", "that", "what"…: "is".
    "apostrophe s": [
        ("my calf's cramping", "cramp.report", {"muscle": "calf"}),
        ("the pain's gone", "cramp.over", {}),
        ("my foot's cramping up", "cramp.report", {"muscle": "foot"}),
        ("the left one's cramping", "cramp.report", {"side": "left"}),
        ("what's next", "coach.next", {}),
    ],
    # Spoken forms: gonna, gimme, kinda, outta, alright.
    "respelled": [
        ("gimme a sec", "coach.pause", {}),
        ("i'm gonna need a minute", "coach.pause", {}),
        ("it's kinda easing", "cramp.over", {}),
        ("seven outta ten", "log.severity", {"severity": 7}),
        ("i'm alright now", "cramp.over", {}),
    ],
    # A word standing for "my"/"the": British "me", someone else's leg.
    "determiners": [
        ("cramp in the back of me thigh", "cramp.report", {"muscle": "hamstring"}),
        ("cramp in the back of the leg", "cramp.report", {"muscle": "calf"}),
        ("the back of her left leg", "cramp.report", {"side": "left", "muscle": "calf"}),
        ("bottom of the foot", "cramp.report", {"muscle": "foot"}),
    ],
    # A negation undoes the sentence after it.
    "negation": [
        ("don't stop", "coach.resume", {}),
        ("i'm not cramping anymore", "cramp.over", {}),
        ("it never went away", "answer.no", {}),
        ("it doesn't feel any better", "answer.no", {}),
        ("i don't need help", None, {}),
        ("i don't want a tip", None, {}),
        ("i'm not pregnant", "profile.update", {}),  # a bare slot: the plugin hears "not"
        ("oh no not again my calf", "cramp.report", {"muscle": "calf"}),
        ("i can't stand up", "coach.alternative", {"limit": "stand"}),  # can't is no denial
    ],
    # "left" and "right" that name no side.
    "not a side": [
        ("right now my calf is cramping", "cramp.report", {"muscle": "calf"}),
        ("cramp in my foot right there", "cramp.report", {"muscle": "foot"}),
        ("it's all right now", "cramp.over", {}),
        ("i left my phone downstairs", None, {}),
        ("turn right at the lights", None, {}),
        # No side; said on its own it agrees (round 13: an answer.yes said alone).
        ("that's right", "answer.yes", {}),
        ("left and right calves", "cramp.report", {"side": "both", "muscle": "calf"}),
    ],
    # A word said twice in a row.
    "repeats": [
        ("back of my my thigh", "cramp.report", {"muscle": "hamstring"}),
        ("stop stop stop", "coach.stop", {}),
        ("it's it's gone", "cramp.over", {}),
        ("night night", "chat.goodnight", {}),
    ],
    # "one" after an adjective is a pronoun, not a rating.
    "pronoun one": [
        ("is there an easier one", "coach.alternative", {}),
    ],
    # The name of the coach is said to it, not about anything.
    "vocative": [
        ("thanks coach that was helpful", "chat.thanks", {}),
        ("night coach", "chat.goodnight", {}),
    ],
    # Skippable words inside a body-part phrase.
    "skippable in a slot phrase": [
        ("the back of my left leg just above the knee", "cramp.report",
         {"side": "left", "muscle": "hamstring"}),
    ],
    # Yes said without words.
    "spoken yes": [
        ("mm hmm", "answer.yes", {}),
        ("uh-huh", "answer.yes", {}),
    ],
    # Ordinary speech with one command word and more the coach knows nothing of.
    "speech not for the coach": [
        ("stop hogging the blanket", None, {}),
        ("wait till you see this video", None, {}),
        ("stop the stretching", "coach.stop", {}),  # words the coach knows
        ("it feels like a knife in my calf", "cramp.report", {"muscle": "calf"}),  # a slot
    ],
    # The ways a cramp lets go, and how people say a doctor started a medicine.
    "vocabulary": [
        ("it's loosening up now", "cramp.over", {}),
        ("the muscle has softened", "cramp.over", {}),
        ("they started me on tablets", "profile.update", {"item": "new_medicine"}),
        ("the doctor put me on statins", "profile.update", {"item": "new_medicine"}),
        ("my doctor put me on a fluid restriction", "profile.update", {"item": "fluid_limit"}),
        ("what am i supposed to say", "help", {}),
        ("i didn't mean to record that", "log.undo", {}),
        ("take that out", "log.undo", {}),
        ("ok i'm back", "coach.resume", {}),
    ],
    # Easing is not over: "almost gone" at "Has the cramp let go?" is a yes.
    "partly eased": [
        ("it's nearly gone", "answer.yes", {}),
        ("it's easing a little", "answer.yes", {}),
        ("it's getting better", "answer.yes", {}),
        ("it's starting to relax", "cramp.over", {}),
    ],
    # How a cramped muscle is described, and exclamations around it.
    "described": [
        ("my calf has gone stiff as anything", "cramp.report", {"muscle": "calf"}),
        ("bloody hell my foot", "cramp.report", {"muscle": "foot"}),
        ("the other leg", "cramp.report", {}),
        ("what causes them", "tips.request", {}),
    ],
    # Vocabulary, round 3: what people call their conditions, a correction said with "oops",
    # "hold up", "that did the trick", "still the same".
    "vocabulary 3": [
        ("i'm expecting", "profile.update", {"item": "pregnant"}),
        ("i'm on dialysis", "profile.update", {"item": "kidney_disease"}),
        ("they changed my pills", "profile.update", {"item": "new_medicine"}),
        ("oops it was a four", "log.correct", {"severity": 4}),
        ("it was actually my right", "log.correct", {"side": "right"}),
        ("scratch that it was my foot", "log.correct", {"muscle": "foot"}),
        ("scratch that one", "log.undo", {}),
        ("i logged that by mistake", "log.undo", {}),
        ("are my veins okay", "check.veins", {}),
        ("any suggestions", "tips.request", {}),
        ("hang about", "coach.pause", {}),
        ("that'll do", "coach.stop", {}),
        ("is there a different stretch", "coach.alternative", {}),
        ("that did the trick", "cramp.over", {}),
        ("i can walk again", "cramp.over", {}),
        ("still the same", "answer.no", {}),
        ("hard to tell", "answer.unsure", {}),
        ("much easier now", "answer.yes", {}),
    ],
    # A long story: a well explained part counts even when the rest is talk.
    "long story": [
        ("sorry to bother you but i think i've got another one of those cramps in my thigh",
         "cramp.report", {"muscle": "thigh"}),
        ("i don't know what's going on but my leg keeps seizing up every time i move",
         "cramp.report", {}),
        ("can you tell me how long that one went on for", "status.elapsed", {}),
        ("my mum had a really bad week at work and she told me all about it last night", None, {}),
        ("we need to book the car in for a service next week", None, {}),
    ],
    # British and everyday forms of the controls.
    "everyday controls": [
        ("ta ra", "chat.goodnight", {}),
        ("stop for a second", "coach.pause", {}),
        ("i'm not doing that", "coach.alternative", {}),
        ("me calf's gone again", "cramp.report", {"muscle": "calf"}),
    ],
    # Round 4 classes (held-back misses of round 3, fixed by class, never by sentence).
    # A word or two inside a declared phrase, another form of its words.
    "modifier inside a phrase": [
        ("i started a new heart tablet", "profile.update", {"item": "new_medicine"}),
        ("how can i keep the cramps from coming", "tips.request", {}),
        ("problems with my kidneys", "profile.update", {"item": "kidney_disease"}),
        ("my pills are new", "profile.update", {"item": "new_medicine"}),
        ("my leg hurts every time i walk", "safety.symptom", {"symptom": "walking_pain"}),
    ],
    # The parts of a phrase in another order, in one clause.
    "other word order": [
        ("what can i do at bedtime to stretch", "tips.bedtime_stretch", {}),
        ("when i cough there is blood", "safety.symptom", {"symptom": "coughing_blood"}),
        ("when i walk it hurts", "safety.symptom", {"symptom": "walking_pain"}),
        ("the muscle in my left calf is cramping", "cramp.report",
         {"side": "left", "muscle": "calf"}),
    ],
    # ...but never across clauses, nor through a phrase said whole, nor by a fused "that's".
    "scattered, not anything": [
        ("i have been coughing and my blood pressure is up", None, {}),
        ("did you take your blood pressure pills", None, {}),
        ("that film was better than the book", None, {}),
        ("okay so it let go", "cramp.over", {}),  # no "okay … go" through "let go"
        ("the film is long how", None, {}),  # "how long" stays whole
        ("my back and my thigh", "cramp.report", {"muscle": "thigh"}),  # "back of" stays whole
    ],
    # What people call the cramp, and "that one" for it; what the coach understands.
    "other names": [
        ("the spasm has stopped", "cramp.over", {}),
        ("that one is gone", "cramp.over", {}),
        ("this one has stopped", "cramp.over", {}),
        ("what can you understand", "help", {}),
    ],
    # A yes with the state that makes it one is an answer; the state alone ends the cramp.
    "yes and a state": [
        ("yeah a lot better", "answer.yes", {}),
        ("yes it's better", "answer.yes", {}),
        ("much better", "cramp.over", {}),
    ],
    # "one" that is a pronoun makes no rating, even where a bare number would.
    "pronoun one, no rating": [
        ("that one", None, {}),
        ("which one", None, {}),
        ("the left one", "cramp.report", {"side": "left"}),
        ("one", "log.severity", {"severity": 1}),
    ],
    # A command word and a remark of its own for someone in the room.
    "aside to someone else": [
        ("stop it you're tickling me", None, {}),
        ("wait it's raining", None, {}),
        ("stop it", "coach.stop", {}),
        ("stop it hurts", "coach.stop", {}),  # words the coach knows
    ],
    # Tuned on round4's misses, by class (never on a held-back block).
    # A number that is a time, a channel or a count is no rating.
    "numbers in other senses": [
        ("set a timer for five", None, {}),
        ("put it on channel three", None, {}),
        ("i'm six months pregnant", "profile.update", {"item": "pregnant"}),
        ("about a six", "log.severity", {"severity": 6}),
        ("record it as a three", "log.severity", {"severity": 3}),
        ("change it to a three", "log.correct", {"severity": 3}),
    ],
    # Said to another assistant or to a loved one.
    "another addressee": [
        ("siri stop", None, {}),
        ("hey google next song", None, {}),
        ("time to sleep darling", None, {}),
        ("stop", "coach.stop", {}),
    ],
    # Glue words at a phrase's end stay after it, with words between ("get my arm down to").
    "particle after an object": [
        ("i can't get my arm down to my foot", "coach.alternative", {"limit": "reach"}),
        ("any other work released this way", None, {}),  # a gap holding another phrase
    ],
    "vocabulary 4": [
        ("next part", "coach.next", {}),
        ("i didn't get what you just said", "coach.repeat", {}),
        ("remove the one i just said", "log.undo", {}),
        ("how often did i get up last night", "summary.request", {}),
        ("how are my legs doing", "summary.request", {}),
        ("what stretch can i do before i get into bed", "tips.bedtime_stretch", {}),
        ("she's expecting", "profile.update", {"item": "pregnant"}),
        ("what kind of stuff can i ask", "help", {}),
    ],
    # From the engineer's own probe sentences (written from the README before running them).
    "vocabulary 5": [
        ("that's gone now thank goodness", "cramp.over", {}),  # relief said aloud
        ("could you repeat the last step", "coach.repeat", {}),
        ("what happened overnight", "summary.request", {}),
        ("tell me about my night", "summary.request", {}),
        ("what can i do so they don't come back", "tips.request", {}),
        ("what should i do to prevent them", "tips.request", {}),
        ("i need help using this", "help", {}),
        ("thanks for your patience", "chat.thanks", {}),
        ("forget it it's fine", "chat.never_mind", {}),  # the reassurance is never mind's
        ("it's fine now", "cramp.over", {}),  # alone, the end of the cramp
        ("stop it you two", None, {}),  # "you two": someone else, and no rating
    ],
    "vocabulary 6": [
        ("my feet are all twisted", "cramp.report", {"muscle": "foot"}),
        ("oh no not my calf again", "cramp.report", {"muscle": "calf"}),  # a lament
        ("not my left, my right", "log.correct", {"side": "right"}),  # a denial
        ("the pain has settled", "cramp.over", {}),
        ("i can bend my foot again", "cramp.over", {}),
        ("my knee won't let me get up", "coach.alternative", {"limit": "stand"}),
        ("that isn't right, undo it", "log.undo", {}),
        ("how many were there overnight", "summary.request", {}),
        ("is there anything to prevent them", "tips.request", {}),
        ("like we usually do", "coach.usual", {}),
        ("who left the door open", None, {}),  # "who left": no side
    ],
    "everyday controls 2": [
        ("so what should i do next", "coach.next", {}),
        ("ok then what", "coach.next", {}),
        ("done this one", "coach.next", {}),
        ("skip that step", "coach.next", {}),
        ("shhh", "coach.stop", {}),
        ("that's plenty", "coach.stop", {}),
        ("stop stop that's okay", "coach.stop", {}),  # the reassurance is stop's
        ("let me get comfortable", "coach.pause", {}),
        ("could i try something different", "coach.alternative", {}),
        ("my hands won't reach", "coach.alternative", {"limit": "reach"}),
        ("set the score to a four", "log.correct", {"severity": 4}),
        ("ignore what i just said", "log.undo", {}),
        ("was my night okay", "summary.request", {}),
        ("what are you for", "help", {}),
        ("how does it work", "help", {}),
        ("my kidneys aren't working", "profile.update", {"item": "kidney_disease"}),
        ("cheers mate", "chat.thanks", {}),  # a vocative the coach does not know is fine
    ],
    # "left"/"right" before a word no plugin knows is no side, unless a part of the body.
    "side before an unknown word": [
        ("my right slipper is by the door", None, {}),
        ("you took the left turn", None, {}),
        ("my left ankle is cramping", "cramp.report", {"side": "left"}),
        ("right calf", "cramp.report", {"side": "right", "muscle": "calf"}),
        ("no clue", "answer.unsure", {}),
    ],
    # A new cramp said with "again" is a cramp, whatever else "again" means.
    "again": [
        ("it's back again", "cramp.report", {}),
        ("it's happening again", "cramp.report", {}),
        ("here we go again", "cramp.report", {}),
        ("oh no again", "cramp.report", {}),
        ("say it again", "coach.repeat", {}),
        ("the dog is barking again", None, {}),
    ],
    # Round 5: the classes of round4-heldback's misses (read after round 4 ended), fixed by
    # class and tested on the engineer's own sentences, written before they were run.
    "aside inside a phrase": [
        ("my toes, all of them, they're curling", "cramp.report", {"muscle": "toes"}),
        ("my calf, the left one, it's cramping", "cramp.report",
         {"side": "left", "muscle": "calf"}),
        ("my foot, oh god, it's cramping", "cramp.report", {"muscle": "foot"}),
        ("the cramp, thank god, it's finally gone", "cramp.over", {}),
        ("my calf, you know, it's gone all tight", "cramp.report", {"muscle": "calf"}),
        ("my right foot, the arch, it's cramping", "cramp.report",
         {"side": "right", "muscle": "foot"}),
        ("the pain, honestly, it's gone", "cramp.over", {}),
        ("my toes, um, they're all curled up", "cramp.report", {"muscle": "toes"}),
        ("my hamstring, ugh, it's locked", "cramp.report", {"muscle": "hamstring"}),
        ("it, the cramp I mean, it's gone", "cramp.over", {}),
        ("the stretch, the one before, can you say it again", "coach.repeat", {}),
        ("my calf, honestly, it's like a rock", "cramp.report", {"muscle": "calf"}),
        ("my feet, both of them, they've gone stiff", "cramp.report",
         {"side": "both", "muscle": "foot"}),
        ("my big toe, the right one, it's curling under", "cramp.report",
         {"side": "right", "muscle": "toes"}),
        ("my toes, every single one, they're clenched", "cramp.report", {"muscle": "toes"}),
        ("the pain, it's sort of, it's going away", "cramp.over", {}),
        ("my leg, the left one, the calf, it's tight", "cramp.report",
         {"side": "left", "muscle": "calf"}),
    ],
    "reason after a command": [
        ("just stop, i don't need it now", "coach.stop", {}),
        ("stop, i don't want any more", "coach.stop", {}),
        ("stop please, i don't need the stretches", "coach.stop", {}),
        ("wait, i'm not ready", "coach.pause", {}),
        ("next one, i don't like this one", "coach.next", {}),
        ("give me a tip, i can't sleep", "tips.request", {}),
        ("it's gone, i don't need anything else", "cramp.over", {}),
        ("repeat that, i didn't hear", "coach.repeat", {}),
        ("pause, i'm not finished", "coach.pause", {}),
        ("don't stop", "coach.resume", {}),
        ("i don't need help", None, {}),
        ("stop it, i can't take any more", "coach.stop", {}),
        ("slow down, i can't keep up", "coach.slower", {}),
        ("okay it's over, i don't need you any more", "cramp.over", {}),
        ("give me a minute, i'm not ready yet", "coach.pause", {}),
        ("say that again, i didn't get it", "coach.repeat", {}),
        ("thanks, i don't need anything else", "chat.thanks", {}),
        ("good night, i don't want to talk", "chat.goodnight", {}),
        ("i don't want a tip", None, {}),
        ("i don't need you to stop", None, {}),
    ],
    "no way i can": [
        ("there's no way i can stand up", "coach.alternative", {"limit": "stand"}),
        ("there's no way i can reach my foot", "coach.alternative", {"limit": "reach"}),
        ("no way can i stand", "coach.alternative", {"limit": "stand"}),
        ("i can't possibly stand up", "coach.alternative", {"limit": "stand"}),
        ("there is no way i can get up", "coach.alternative", {"limit": "stand"}),
        ("i'm unable to stand", "coach.alternative", {"limit": "stand"}),
        ("i cannot reach my toes", "coach.alternative", {"limit": "reach"}),
        ("no chance i can reach my foot", "coach.alternative", {"limit": "reach"}),
        ("i couldn't stand up if i tried", "coach.alternative", {"limit": "stand"}),
        ("i'm not able to get out of bed", "coach.alternative", {"limit": "stand"}),
        ("there's no way i can bend down", "coach.alternative", {"limit": "reach"}),
        ("no way i can walk on it", "coach.alternative", {"limit": "stand"}),
        ("there's no way i can get to my foot", "coach.alternative", {"limit": "reach"}),
        ("no chance i can stand up right now", "coach.alternative", {"limit": "stand"}),
        ("i really couldn't bend over", "coach.alternative", {"limit": "reach"}),
        ("there is just no way i can get out of bed", "coach.alternative", {"limit": "stand"}),
    ],
    "correction with words between": [
        ("no wait, it was my right calf", "log.correct", {"side": "right", "muscle": "calf"}),
        ("sorry i said the wrong number, it was a six", "log.correct", {"severity": 6}),
        ("no hang on, it was my left", "log.correct", {"side": "left"}),
        ("oh sorry, it was more like a seven", "log.correct", {"severity": 7}),
        ("hmm no actually it was my foot", "log.correct", {"muscle": "foot"}),
        ("i got that wrong, it was a three", "log.correct", {"severity": 3}),
        ("no no, sorry, it was a four", "log.correct", {"severity": 4}),
        ("wait a sec, it was the right leg not the left", "log.correct", {"side": "right"}),
        ("i made a mistake, it was my thigh", "log.correct", {"muscle": "thigh"}),
        ("sorry my bad it was an eight", "log.correct", {"severity": 8}),
        ("no i meant my left calf", "log.correct", {"side": "left", "muscle": "calf"}),
        ("i said the wrong side, it was the left", "log.correct", {"side": "left"}),
        ("no hold on, it was a seven", "log.correct", {"severity": 7}),
        ("oops, sorry, it was my left foot", "log.correct", {"side": "left", "muscle": "foot"}),
        ("you got it wrong, it was my calf", "log.correct", {"muscle": "calf"}),
        ("sorry, i gave the wrong number, it was more like a two", "log.correct", {"severity": 2}),
        ("no wait, sorry, it was an eight", "log.correct", {"severity": 8}),
        ("wait it was the left", "log.correct", {"side": "left"}),
        ("i said the wrong leg, it was my right", "log.correct", {"side": "right"}),
        ("no no no, it was my thigh", "log.correct", {"muscle": "thigh"}),
    ],
    "split verb, longer object": [
        ("take that last one off", "log.undo", {}),
        ("take the last cramp off", "log.undo", {}),
        ("take that last entry out", "log.undo", {}),
        ("take the one i just logged off", "log.undo", {}),
        ("scrub that last one out", "log.undo", {}),
        ("take that whole last entry off please", "log.undo", {}),
        ("cross that last one off", "log.undo", {}),
        ("take that one off the list", "log.undo", {}),
        ("put that stretch on hold", "coach.pause", {}),
        ("take the last one off", "log.undo", {}),
        ("cross that entry off", "log.undo", {}),
        ("take that last cramp out of the journal", "log.undo", {}),
        ("can you take that one back", "log.undo", {}),
        ("wipe that last entry off", "log.undo", {}),
        ("take your socks off", None, {}),
    ],
    "modifier further inside": [
        ("that check on my leg veins", "check.veins", {}),
        ("can you check on my leg veins", "check.veins", {}),
        ("blood coming up when i cough", "safety.symptom", {"symptom": "coughing_blood"}),
        ("i started a new blood pressure tablet today", "profile.update", {"item": "new_medicine"}),
        ("how do i stop these horrible night cramps from happening", "tips.request", {}),
        ("the really bad cramp in my calf has gone", "cramp.over", {}),
        ("how long has this awful cramp been going", "status.elapsed", {}),
        ("check on my leg veins please", "check.veins", {}),
        ("the horrible cramp in my foot has gone", "cramp.over", {}),
        ("the pain in the back of my leg has stopped", "cramp.over", {}),
        ("the nasty cramp has finally gone", "cramp.over", {}),
        ("i'm coughing up some blood", "safety.symptom", {"symptom": "coughing_blood"}),
    ],
    "never mind vocabulary": [
        ("forget i said anything", "chat.never_mind", {}),
        ("forget i asked", "chat.never_mind", {}),
        ("never you mind", "chat.never_mind", {}),
        ("oh don't worry about it", "chat.never_mind", {}),
        ("it doesn't matter", "chat.never_mind", {}),
        ("it's nothing", "chat.never_mind", {}),
        ("ignore me", "chat.never_mind", {}),
        ("no matter", "chat.never_mind", {}),
        ("i was talking to myself", "chat.never_mind", {}),
        ("disregard that", "chat.never_mind", {}),
        ("oh forget i said anything", "chat.never_mind", {}),
        ("never mind, forget i asked", "chat.never_mind", {}),
        ("sorry, i wasn't talking to you", "chat.never_mind", {}),
        ("no matter, it's fine", "chat.never_mind", {}),
        ("ignore that, i was talking to myself", "chat.never_mind", {}),
        ("disregard that", "chat.never_mind", {}),
    ],
    "count, not a rating": [
        ("mum, five more minutes", None, {}),
        ("dad, two more minutes", None, {}),
        ("five more minutes mum", None, {}),
        ("just ten more minutes love", None, {}),
        ("honey, three more days till friday", None, {}),
        ("one more episode then bed", None, {}),
        ("two more sleeps", None, {}),
        ("a five", "log.severity", {"severity": 5}),
        ("five", "log.severity", {"severity": 5}),
        ("about a seven i think", "log.severity", {"severity": 7}),
        ("five more minutes", None, {}),
        ("just five more minutes", None, {}),
        ("two more days till the weekend", None, {}),
        ("three more stretches to go", None, {}),
        ("mum, ten more minutes please", None, {}),
        ("it's a five", "log.severity", {"severity": 5}),
        ("a seven more or less", "log.severity", {"severity": 7}),
        ("one more time", "coach.repeat", {}),
    ],
    "said at 3 a.m.": [
        ("um, like, my calf, you know, it's cramping", "cramp.report", {"muscle": "calf"}),
        ("er, can you, like, say that again", "coach.repeat", {}),
        ("you know what, it's gone", "cramp.over", {}),
        ("uh i mean it's like a six", "log.severity", {"severity": 6}),
        ("so um yeah it's sort of easing", "answer.yes", {}),
        ("like, what do i do now", "coach.next", {}),
        ("my, uh, my left foot", "cramp.report", {"side": "left", "muscle": "foot"}),
        ("hmm i dunno", "answer.unsure", {}),
        ("my left, no, my right calf", "cramp.report", {"side": "right", "muscle": "calf"}),
        ("it's alright darling, go back to sleep", None, {}),
        ("are you okay", None, {}),
        ("do you want some water", None, {}),
        ("shall i get you a glass of water", None, {}),
        ("turn the light off", None, {}),
        ("no i'm fine, it's just my leg", "cramp.report", {}),
    ],
    "self-correction in one breath": [
        ("my right, sorry, my left calf", "cramp.report", {"side": "left", "muscle": "calf"}),
        ("my calf, no, my foot", "cramp.report", {"muscle": "foot"}),
        ("a seven, no wait, an eight", "log.severity", {"severity": 8}),
        ("about a four, actually a five", "log.severity", {"severity": 5}),
        ("my foot i mean my toes", "cramp.report", {"muscle": "toes"}),
        ("is it my calf or my foot", "cramp.report", {"muscle": "calf"}),
        ("left, no, right", "cramp.report", {"side": "right"}),
        ("my thigh, sorry, my hamstring", "cramp.report", {"muscle": "hamstring"}),
        ("the right one, i mean the left one", "cramp.report", {"side": "left"}),
        ("a three, no, a four", "log.severity", {"severity": 4}),
        ("six, sorry, seven", "log.severity", {"severity": 7}),
        ("my left calf", "cramp.report", {"side": "left", "muscle": "calf"}),
    ],
    "can't before another verb": [
        ("i can't find my glasses", None, {}),
        ("i can't believe it's three in the morning", None, {}),
        ("i can't", "coach.alternative", {}),
        ("i can't, it hurts too much", "coach.alternative", {}),
        ("i can't hear you", "coach.repeat", {}),
        ("i can't reach", "coach.alternative", {"limit": "reach"}),
        ("i can't sleep", None, {}),
        ("i can't remember where i put it", None, {}),
        ("i can't wait for the holidays", None, {}),
        ("i couldn't care less", None, {}),
        ("i can't stand up", "coach.alternative", {"limit": "stand"}),
        ("i can't do it", "coach.alternative", {}),
        ("i can't bend my knee", "coach.alternative", {"limit": "reach"}),
    ],
    # Tuned on round5's misses, by class (never on a held-back block), with the engineer's
    # own sentences written before the fixes.
    "what a cramped muscle does": [
        ("my calf is pulling tight on its own", "cramp.report", {"muscle": "calf"}),
        ("my toes are pulling down by themselves", "cramp.report", {"muscle": "toes"}),
        ("my foot's twisting and it really hurts", "cramp.report", {"muscle": "foot"}),
        ("my thigh hurts so much", "cramp.report", {"muscle": "thigh"}),
        ("my left calf is killing me", "cramp.report", {"side": "left", "muscle": "calf"}),
        ("my hamstring is pulling", "cramp.report", {"muscle": "hamstring"}),
    ],
    "how a cramp lets go": [
        ("the knot has come undone", "cramp.over", {}),
        ("the muscle is soft again", "cramp.over", {}),
        ("my calf feels soft now", "cramp.over", {}),
        ("it's gone floppy again", "cramp.over", {}),
        ("the muscle has gone soft", "cramp.over", {}),
        ("it's unknotted", "cramp.over", {}),
    ],
    "reason with it or that": [
        ("that's not helping, next", "coach.next", {}),
        ("this isn't doing anything, next one please", "coach.next", {}),
        ("stop, it's not working", "coach.stop", {}),
        ("it's not gone", "answer.no", {}),
        ("that's not right, undo it", "log.undo", {}),
    ],
    "what comes next": [
        ("and after that", "coach.next", {}),
        ("after that what", "coach.next", {}),
        ("what do i do after that", "coach.next", {}),
        ("then what do i do", "coach.next", {}),
    ],
    "stop the coaching": [
        ("you can stop the coaching now", "coach.stop", {}),
        ("stop the session", "coach.stop", {}),
        ("you can stop now", "coach.stop", {}),
        ("stop the exercises please", "coach.stop", {}),
        ("end the session", "coach.stop", {}),
    ],
    # Remarks to someone else that a reason or a predicate might have taken for commands.
    "not for the coach, round 5": [
        ("no, i didn't take the bins out", None, {}),
        ("yeah i fed the cat", None, {}),
        ("cancel my dentist, i can't make it", None, {}),
        ("i can't sleep", None, {}),
        ("my shoulder has gone stiff", None, {}),
        ("pause the film, i need the loo", None, {}),
        ("next week i'm going to london", None, {}),
        ("my head is pounding", None, {}),
        ("it's not working, the wifi i mean", None, {}),
        ("come on, we'll be late", None, {}),
    ],
    "pause with a reason": [
        ("hang on, i'm stuck in the duvet", "coach.pause", {}),
        ("hold on, i need to get my glasses", "coach.pause", {}),
        ("wait a sec, i have to sit up", "coach.pause", {}),
        ("give me a minute, i'm getting out of bed", "coach.pause", {}),
        ("one moment, i'm putting the light on", "coach.pause", {}),
    ],
    "spoken yes and no": [
        ("mm hm", "answer.yes", {}),
        ("mhm yeah", "answer.yes", {}),
        ("uh huh it is", "answer.yes", {}),
        ("nope, nothing", "answer.no", {}),
        ("no, nothing yet", "answer.no", {}),
        ("nah, nothing at all", "answer.no", {}),
        ("nothing", "log.severity", {"severity": 0}),
    ],
    "correction: the later value": [
        ("i said seven but it was more like a four", "log.correct", {"severity": 4}),
        ("i said my left but it was my right", "log.correct", {"side": "right"}),
        ("not a six, a three", "log.correct", {"severity": 3}),
        ("change it from a six to a four", "log.correct", {"severity": 4}),
        ("i told you eight but it's more of a five", "log.correct", {"severity": 5}),
    ],
    "undo objects": [
        ("delete what you just wrote down", "log.undo", {}),
        ("remove what you just saved", "log.undo", {}),
        ("delete what i just said", "log.undo", {}),
        ("undo what you just logged", "log.undo", {}),
    ],
    "hedge clause": [
        ("i'm pregnant, if that matters", "profile.update", {"item": "pregnant"}),
        ("my left calf, if that helps", "cramp.report", {"side": "left", "muscle": "calf"}),
        ("i have diabetes by the way", "profile.update", {"item": "diabetes"}),
        ("just so you know, i'm pregnant", "profile.update", {"item": "pregnant"}),
    ],
    "fluid limit vocabulary": [
        ("i'm only allowed one litre a day", "profile.update", {"item": "fluid_limit"}),
        ("i have to watch how much i drink", "profile.update", {"item": "fluid_limit"}),
        ("my fluids are restricted", "profile.update", {"item": "fluid_limit"}),
        ("i can only drink a little each day", "profile.update", {"item": "fluid_limit"}),
        ("the doctor limits how much water i have", "profile.update", {"item": "fluid_limit"}),
    ],
    "another body part's state": [
        ("my chest is tight", "safety.symptom", {"symptom": "chest_pain"}),
        ("my neck feels stiff", None, {}),
        ("my jaw is tight", None, {}),
        ("my calf feels tight", "cramp.report", {"muscle": "calf"}),
        ("it feels tight", "cramp.report", {}),
    ],
    "reassuring someone else": [
        ("go back to sleep, it's only me", None, {}),
        ("it's just me, go back to sleep", None, {}),
        ("don't worry, it's only me", None, {}),
        ("shh it's only me", None, {}),
    ],
    "phrasal verb is not its verb": [
        ("the heating has come on again", None, {}),
        ("the telly came on again", None, {}),
        ("the dog got up again", None, {}),
        ("come again", "coach.repeat", {}),
        ("say it again", "coach.repeat", {}),
    ],
    # Everyday speech at night, every intent (own sentences, written before they were run).
    "ratings as said": [
        ("seven-ish", "log.severity", {"severity": 7}),
        ("a solid seven", "log.severity", {"severity": 7}),
        ("eight, maybe nine", "log.severity", {"severity": 8}),
        ("i'd give it a six", "log.severity", {"severity": 6}),
        ("definitely a nine", "log.severity", {"severity": 9}),
        ("um about five out of ten", "log.severity", {"severity": 5}),
        ("it was a good eight", "log.severity", {"severity": 8}),
        ("call it a four", "log.severity", {"severity": 4}),
    ],
    "elapsed": [
        ("how long's it been", "status.elapsed", {}),
        ("how long has this one been going on", "status.elapsed", {}),
        ("how many minutes has it been", "status.elapsed", {}),
        ("how long was that one", "status.elapsed", {}),
    ],
    "reports at 3am": [
        ("ow ow ow my foot my foot", "cramp.report", {"muscle": "foot"}),
        ("oh no oh no it's my calf again", "cramp.report", {"muscle": "calf"}),
        ("it's my left leg, the calf", "cramp.report", {"side": "left", "muscle": "calf"}),
        ("cramp in both legs", "cramp.report", {"side": "both"}),
        ("my right hamstring's gone", "cramp.report", {"side": "right", "muscle": "hamstring"}),
        ("ahh the arch of my foot", "cramp.report", {"muscle": "foot"}),
        ("my calf's seized up solid", "cramp.report", {"muscle": "calf"}),
        ("another one in my thigh", "cramp.report", {"muscle": "thigh"}),
    ],
    "over at 3am": [
        ("okay it's letting go now", "cramp.over", {}),
        ("phew it's gone", "cramp.over", {}),
        ("right, that's better", "cramp.over", {}),
        ("it's finally stopped, thank god", "cramp.over", {}),
        ("the cramp's eased off now", "cramp.over", {}),
        ("i think it's passed", "cramp.over", {}),
    ],
    "controls at 3am": [
        ("hang on hang on", "coach.pause", {}),
        ("can we carry on", "coach.resume", {}),
        ("okay i'm ready again", "coach.resume", {}),
        ("slower please, i'm half asleep", "coach.slower", {}),
        ("what was that last bit", "coach.repeat", {}),
        ("sorry, say that again", "coach.repeat", {}),
        ("okay what's next", "coach.next", {}),
        ("right, stop now", "coach.stop", {}),
        ("that's enough for tonight", "coach.stop", {}),
        ("i can't get out of bed", "coach.alternative", {"limit": "stand"}),
    ],
    "answers at 3am": [
        ("yeah a little bit", "answer.yes", {}),
        ("no, not really", "answer.no", {}),
        ("nope, still bad", "answer.no", {}),
        ("not sure really", "answer.unsure", {}),
        ("i don't know, maybe", "answer.unsure", {}),
    ],
    "small talk at 3am": [
        ("thanks, that really helped", "chat.thanks", {}),
        ("cheers coach", "chat.thanks", {}),
        ("night night coach", "chat.goodnight", {}),
        ("right, back to sleep", "chat.goodnight", {}),
        ("oh never mind", "chat.never_mind", {}),
        ("what can you do", "help", {}),
        ("give me a tip", "tips.request", {}),
        ("any tips for stopping these", "tips.request", {}),
        ("how was my night", "summary.request", {}),
        ("how many cramps did i have last night", "summary.request", {}),
    ],
    "profile as said": [
        ("i've just found out i'm pregnant", "profile.update", {"item": "pregnant"}),
        ("i'm diabetic, type two", "profile.update", {"item": "diabetes"}),
        ("the doctor started me on a statin last week", "profile.update", {"item": "new_medicine"}),
        ("i've got kidney problems", "profile.update", {"item": "kidney_disease"}),
        ("i have an underactive thyroid", "profile.update", {"item": "thyroid_disease"}),
        ("i've got varicose veins", "profile.update", {"item": "vein_or_artery_problems"}),
        ("i'm on a new blood pressure pill", "profile.update", {"item": "new_medicine"}),
        ("they've changed my tablets again", "profile.update", {"item": "new_medicine"}),
    ],
    "tips as asked": [
        ("what can i do to stop getting these", "tips.request", {}),
        ("is there anything that helps with cramps", "tips.request", {}),
        ("got any advice", "tips.request", {}),
        ("another tip please", "tips.request", {}),
        ("why do i keep getting cramps at night", "tips.request", {}),
        ("how do i stop them coming back", "tips.request", {}),
        ("can you walk me through the bedtime stretch", "tips.bedtime_stretch", {}),
        ("what stretches should i do before bed", "tips.bedtime_stretch", {}),
    ],
    "summary as asked": [
        ("how did i sleep", "summary.request", {}),
        ("how was last night", "summary.request", {}),
        ("did i have many cramps last night", "summary.request", {}),
        ("what's my week looking like", "summary.request", {}),
        ("good morning", "summary.request", {}),
        ("how many did i have this week", "summary.request", {}),
    ],
    "help as asked": [
        ("what do i say to you", "help", {}),
        ("how do i use this thing", "help", {}),
        ("what are you able to do", "help", {}),
        ("i don't know what to say", "help", {}),
    ],
    "veins as asked": [
        ("can you check my veins", "check.veins", {}),
        ("do the vein check", "check.veins", {}),
        ("i want to do the vein questions", "check.veins", {}),
    ],
    "undo as said": [
        ("delete that", "log.undo", {}),
        ("that wasn't a real cramp, delete it", "log.undo", {}),
        ("undo that last one", "log.undo", {}),
        ("get rid of that entry", "log.undo", {}),
        ("scrap that last one please", "log.undo", {}),
        ("oops, that was a mistake", "log.undo", {}),
    ],
    "TV and room": [
        ("and now the weather for the week ahead", None, {}),
        ("the next train to london is delayed", None, {}),
        ("stay tuned for more after the break", None, {}),
        ("he scored again in the second half", None, {}),
        ("what time does the chemist open", None, {}),  # "what time is it" is chat.time
        ("where are my slippers", None, {}),
        ("can you pass me the water", None, {}),
        ("let the dog out would you", None, {}),
        ("the kettle's boiled", None, {}),
        ("i'll be up in a minute", None, {}),
        ("did you hear that noise", None, {}),
        ("stop hogging the covers", None, {}),
    ],
    "messy": [
        ("oh my god oh my god my calf", "cramp.report", {"muscle": "calf"}),
        ("it's, it's, it's my foot", "cramp.report", {"muscle": "foot"}),
        ("like, the whole back of my thigh", "cramp.report", {"muscle": "hamstring"}),
        ("uh, the, the left one", "cramp.report", {"side": "left"}),
        ("okay okay it's stopped", "cramp.over", {}),
        ("you know what, i think it's gone", "cramp.over", {}),
        ("er, can you, um, repeat that bit", "coach.repeat", {}),
        ("sorry, what was that, i missed it", "coach.repeat", {}),
        ("hang on, hang on, i can't, it's too much", "coach.pause", {}),
        ("no no no stop", "coach.stop", {}),
        ("next, next, next", "coach.next", {}),
        ("yes yes it's easing", "answer.yes", {}),
        ("i i don't know", "answer.unsure", {}),
        ("seven, i'd say seven", "log.severity", {"severity": 7}),
        ("it was like a, like a six", "log.severity", {"severity": 6}),
        ("my left, wait no, right calf", "cramp.report", {"side": "right", "muscle": "calf"}),
        ("the right, the right calf", "cramp.report", {"side": "right", "muscle": "calf"}),
        ("cramp, cramp, my thigh", "cramp.report", {"muscle": "thigh"}),
    ],
    "partner in the room": [
        ("he's got a cramp in his calf", "cramp.report", {"muscle": "calf"}),
        ("are you alright love", None, {}),
        ("do you want me to rub it", None, {}),
        ("shall i put the light on", None, {}),
        ("straighten your leg darling", None, {}),
    ],
    "limits as said": [
        ("i can't bend down that far", "coach.alternative", {"limit": "reach"}),
        ("my back won't let me bend", "coach.alternative", {"limit": "reach"}),
        ("i'm too stiff to stand", "coach.alternative", {"limit": "stand"}),
        ("i can't put any weight on it", "coach.alternative", {"limit": "stand"}),
        ("there's no way i'm getting up", "coach.alternative", {"limit": "stand"}),
        ("i can barely reach my knee", "coach.alternative", {"limit": "reach"}),
        ("can i do it lying down instead", "coach.alternative", {}),
        ("is there one i can do in bed", "coach.alternative", {}),
    ],
    "slower as said": [
        ("woah slow down", "coach.slower", {}),
        ("you're going too fast", "coach.slower", {}),
        ("a bit slower please", "coach.slower", {}),
        ("not so quick", "coach.slower", {}),
    ],
    "again, as a new cramp or not": [
        ("it's cramping again", "cramp.report", {}),
        ("my calf's gone again", "cramp.report", {"muscle": "calf"}),
        ("again please", "coach.repeat", {}),
        ("can you say the last bit again", "coach.repeat", {}),
        ("the baby's awake again", None, {}),
        ("it's raining again", None, {}),
    ],
    "resume as said": [
        ("okay carry on", "coach.resume", {}),
        ("right, i'm ready now", "coach.resume", {}),
        ("let's keep going", "coach.resume", {}),
        ("go on then", "coach.resume", {}),
        ("i'm back, sorry", "coach.resume", {}),
    ],
    "numbers that are no rating": [
        ("set the alarm for six thirty", None, {}),
        ("it's on bbc two", None, {}),
        ("i'm type one diabetic", "profile.update", {"item": "diabetes"}),
        ("she's seven months pregnant", "profile.update", {"item": "pregnant"}),
        ("wake me at seven", None, {}),
        ("we've got two kids", None, {}),
        ("room for one more", None, {}),
        ("about a three i guess", "log.severity", {"severity": 3}),
        ("it's a ten, easily", "log.severity", {"severity": 10}),
        ("four", "log.severity", {"severity": 4}),
    ],
    "right that is no side": [
        ("that's right, it's my calf", "cramp.report", {"muscle": "calf"}),
        ("right under my foot", "cramp.report", {"muscle": "foot"}),
        ("right in the middle of my calf", "cramp.report", {"muscle": "calf"}),
        ("yeah that's right", "answer.yes", {}),
        ("right behind my knee", "cramp.report", {"muscle": "hamstring"}),
        ("it's right there in the arch", "cramp.report", {"muscle": "foot"}),
    ],
    "aside and restart": [
        ("my left, hang on, my left calf", "cramp.report", {"side": "left", "muscle": "calf"}),
        ("my right, um, my right foot", "cramp.report", {"side": "right", "muscle": "foot"}),
        ("the, oh god, the back of my leg", "cramp.report", {"muscle": "calf"}),
        ("it's my, ow, my thigh", "cramp.report", {"muscle": "thigh"}),
    ],
    "remarks to a pet": [
        ("get off the bed, rex", None, {}),
        ("move, cat", None, {}),
        ("good boy, go to sleep", None, {}),
        ("down, down", None, {}),
    ],
    "someone else's cramp": [
        ("my wife's got a cramp in her foot", "cramp.report", {"muscle": "foot"}),
        ("she's got cramp in her calf", "cramp.report", {"muscle": "calf"}),
    ],
    "gone rock hard, thank god": [
        ("my calf's gone rock hard", "cramp.report", {"muscle": "calf"}),
        ("thank god that's over", "cramp.over", {}),
        ("my foot went all hard", "cramp.report", {"muscle": "foot"}),
        ("thank god it's stopped", "cramp.over", {}),
    ],
    "corrections as said": [
        ("actually make that a five", "log.correct", {"severity": 5}),
        ("no, it was the other leg", "log.correct", {}),
        ("it was actually the left side", "log.correct", {"side": "left"}),
        ("can you change the rating to three", "log.correct", {"severity": 3}),
        ("sorry i meant my foot, not my calf", "log.correct", {"muscle": "foot"}),
        ("no no, the right leg", "log.correct", {"side": "right"}),
        ("wrong one, it was my thigh", "log.correct", {"muscle": "thigh"}),
    ],
    "questions at night": [
        ("how long did that last", "status.elapsed", {}),
        ("how long have i been like this", "status.elapsed", {}),
        ("is there an easier stretch", "coach.alternative", {}),
        ("what should i do now", "coach.next", {}),
        ("what do i do next", "coach.next", {}),
        ("can you go slower", "coach.slower", {}),
        ("can you say that one more time", "coach.repeat", {}),
        ("what did you just say", "coach.repeat", {}),
    ],
    "ending the night": [
        ("i'm going back to bed now", "chat.goodnight", {}),
        ("thanks so much for that", "chat.thanks", {}),
        ("you've been a great help", "chat.thanks", {}),
    ],
    # Round 6 (own probe sentences, written before the templates were read).
    # A release said with "it's" and a participle; pain said to fade.
    "it's released": [
        ("it's released now", "cramp.over", {}),
        ("okay it's relaxed now", "cramp.over", {}),
        ("it's unclenched", "cramp.over", {}),
        ("it's let up", "cramp.over", {}),
        ("it's wearing off", "cramp.over", {}),
        ("it's subsiding", "cramp.over", {}),
        ("the pain's going", "cramp.over", {}),
        ("it's starting to go", "cramp.over", {}),
    ],
    # A denial said twice: the second denial is no denial of the first.
    "double denial": [
        ("no, not one bit", "answer.no", {}),
        ("nah it isn't, not really", "answer.no", {}),
        ("no it hasn't, not even a little", "answer.no", {}),
        ("no it's not, not at all", "answer.no", {}),
    ],
    # The value said again, insisting: a correction.
    "correction by repeating": [
        ("no, six, I said six", "log.correct", {"severity": 6}),
        ("no I said five, five", "log.correct", {"severity": 5}),
        ("I said seven, not six", "log.correct", {"severity": 7}),
        ("no, the foot, I said foot", "log.correct", {"muscle": "foot"}),
        ("no, an eight", "log.correct", {"severity": 8}),
        ("nope, nothing", "answer.no", {}),  # "nothing" is no rating after "no"
    ],
    # A place said in the past is the place of the cramp just had; "again" makes it a new one.
    "it was my left calf": [
        ("it was my left calf actually", "log.correct", {"side": "left", "muscle": "calf"}),
        ("it was in my right foot", "log.correct", {"side": "right", "muscle": "foot"}),
        ("it was my left calf again", "cramp.report", {"side": "left", "muscle": "calf"}),
        ("wrong foot, it was the left", "log.correct", {"side": "left", "muscle": "foot"}),
    ],
    # Thanks said with another request are manners; said first with a reason, thanks.
    "manners": [
        ("next please, thanks", "coach.next", {}),
        ("stop now thank you", "coach.stop", {}),
        ("okay thanks, stop now", "coach.stop", {}),
        ("hang on a sec, thanks", "coach.pause", {}),
        ("okay it's gone, thanks coach", "cramp.over", {}),
        ("good night and thanks", "chat.goodnight", {}),
        ("thanks a lot coach, really", "chat.thanks", {}),
        ("thank you very much indeed", "chat.thanks", {}),
        ("okay you can stop now, thanks", "coach.stop", {}),
    ],
    # A side or muscle taken back in one breath, with two words of taking back.
    "taken back in one breath": [
        ("my left calf, wait no, the right one", "cramp.report",
         {"side": "right", "muscle": "calf"}),
        ("the right, sorry, the left foot", "cramp.report", {"side": "left", "muscle": "foot"}),
        ("cramp in my foot, I mean my calf", "cramp.report", {"muscle": "calf"}),
        ("six, or rather seven", "log.severity", {"severity": 7}),
    ],
    # How to do the step asked about: the step again, with its hold.
    "how long do I hold it": [
        ("how long do I hold it", "coach.repeat", {}),
        ("how long should I hold this for", "coach.repeat", {}),
        ("where do I put my hands", "coach.repeat", {}),
        ("how long has it been going", "status.elapsed", {}),
    ],
    "again, a second cramp": [
        ("third one tonight", "cramp.report", {}),
        ("I'm cramping up again", "cramp.report", {}),
        ("second one, right foot this time", "cramp.report", {"side": "right", "muscle": "foot"}),
        ("um, again please", "coach.repeat", {}),
    ],
    "the thigh, then which side of it": [
        ("my thigh, the back of it, the left one", "cramp.report",
         {"side": "left", "muscle": "hamstring"}),
        ("my right thigh at the front", "cramp.report", {"side": "right", "muscle": "thigh"}),
    ],
    # The classes of the round6 misses, each said in the engineer's own words.
    "round6 classes": [
        ("it's just vanished", "cramp.over", {}),
        ("the pain has dissolved", "cramp.over", {}),
        ("it wasn't a nine, closer to a seven", "log.correct", {"severity": 7}),
        ("bin the last entry", "log.undo", {}),
        ("delete the last record you saved", "log.undo", {}),
        ("get rid of that last cramp", "log.undo", {}),
        ("I did the exercise, now what", "coach.next", {}),
        ("hang on, not yet", "coach.pause", {}),
        ("I can't get a hold of my toes", "coach.alternative", {"limit": "reach"}),
        ("I'm too shaky to get up", "coach.alternative", {"limit": "stand"}),
        ("this is useless, let's try something different", "coach.alternative", {}),
        ("that's not working, next one please", "coach.next", {}),
        ("tell me a different tip", "tips.request", {}),
        ("can I have a rundown of my week", "summary.request", {}),
        ("a summary of last night please", "summary.request", {}),
        ("a quiz about my veins", "check.veins", {}),
        ("the doctor restricts what I drink", "profile.update", {"item": "fluid_limit"}),
        ("it's six in the evening", None, {}),
        ("I walked three miles today", None, {}),
        ("it's ten degrees out", None, {}),
    ],
    # Third own probe batch (after the templates were read).
    "round 6 third batch": [
        ("um, it was a nasty one, nine", "log.severity", {"severity": 9}),
        ("a big one, maybe an eight", "log.severity", {"severity": 8}),
        ("it's started up again", "cramp.report", {}),
        ("it came back", "cramp.report", {}),
        ("how long do I stretch for", "coach.repeat", {}),
        ("do I keep holding", "coach.repeat", {}),
        ("is that long enough", "coach.next", {}),
        ("okay, I'm in position", "coach.resume", {}),
        ("okay, bye", "chat.goodnight", {}),
        ("sleep well coach", "chat.goodnight", {}),
        ("oh, I didn't mean you", "chat.never_mind", {}),
        ("what was last night like", "summary.request", {}),
        ("I was just put on amlodipine", "profile.update", {"item": "new_medicine"}),
        ("I've just been prescribed a new drug", "profile.update", {"item": "new_medicine"}),
    ],
    # "Again" and a cramp coming on, said many ways (own probes, fourth batch).
    "again and coming on": [
        ("it's doing it again", "cramp.report", {}),
        ("the same one again", "cramp.report", {}),
        ("here it comes", "cramp.report", {}),
        ("I can feel one coming on", "cramp.report", {}),
        ("that's the third time tonight", "cramp.report", {}),
        ("two in one night, my calf again", "cramp.report", {"muscle": "calf"}),
        ("what was that again", "coach.repeat", {}),
        ("the heating's come on again", None, {}),
    ],
    # A body part is no cramp's where something lies on it, is done to it, or is in another
    # state; said with a cramp, it still is.
    "a body part about something else": [
        ("the cat's asleep on my legs", None, {}),
        ("the dog's lying across my feet", None, {}),
        ("I stubbed my toe on the bed", None, {}),
        ("my feet are cold", None, {}),
        ("my left foot is freezing", None, {}),
        ("my toes are itchy", None, {}),
        ("my foot's cramping and it's freezing", "cramp.report", {"muscle": "foot"}),
        ("cramp in my foot, it's cold in here", "cramp.report", {"muscle": "foot"}),
        ("there's no way I can stand right now", "coach.alternative", {"limit": "stand"}),
    ],
    "fourth batch vocabulary": [
        ("my husband's in agony with his calf", "cramp.report", {"muscle": "calf"}),
        ("could my veins be causing this", "check.veins", {}),
        ("do I have bad veins", "check.veins", {}),
        ("has it been long", "status.elapsed", {}),
        ("how do I talk to you", "help", {}),
        ("what commands are there", "help", {}),
        ("tell me how I slept", "summary.request", {}),
        ("I've just started a diuretic", "profile.update", {"item": "new_medicine"}),
        ("should I drink more water", "tips.request", {}),
        ("does magnesium help", "tips.request", {}),
        ("it's only half two", None, {}),
    ],
    # Run-ons and politeness (own probes, fifth batch).
    "run-ons and politeness": [
        ("I started some new tablets last week and since then I've been getting cramps",
         "profile.update", {"item": "new_medicine"}),
        ("wait I said left but I meant right", "log.correct", {"side": "right"}),
        ("I'd like to hear that again", "coach.repeat", {}),
        ("sorry, could you go back a step", "coach.repeat", {}),
        ("much obliged", "chat.thanks", {}),
        ("okay, I'll go back to sleep now", "chat.goodnight", {}),
    ],
    "round 6 vocabulary": [
        ("that's not working, anything else I can try", "coach.alternative", {}),
        ("can I do a different one", "coach.alternative", {}),
        ("um, tip please", "tips.request", {}),
        ("what did I have last night", "summary.request", {}),
        ("it was nothing, sorry", "chat.never_mind", {}),
        ("I have to limit what I drink", "profile.update", {"item": "fluid_limit"}),
        ("can we do that vein thing", "check.veins", {}),
        ("right, where's my phone", None, {}),
    ],
    # Numbers said in a row are a count or a result, not a score; a rating ranked as the
    # worst is still the rating (lead, round 14).
    "number runs and the worst": [
        ("one two three four, no peeking", None, {}),
        ("they drew three two in the end", None, {}),
        ("five four three two one blast off", None, {}),
        ("seven eight", "log.severity", {"severity": 7}),
        ("nine, the worst one in years", "log.severity", {"severity": 9}),
        ("honestly a six, worst I've ever had", "log.severity", {"severity": 6}),
        ("that was the worst programme ever", None, {}),
        ("oh no, not again, both feet this time", "cramp.report",
         {"side": "both", "muscle": "foot"}),
        ("right, I reckon that's it gone now", "cramp.over", {}),
    ],
}


@pytest.mark.parametrize("text,intent,slots", [
    pytest.param(t, i, s, id=f"{cls}:{t}") for cls, cases in CLASSES.items() for t, i, s in cases])
def test_class_of_phrasing(en, text, intent, slots):
    _check(en, text, intent, slots)


def test_normalise_reads_s_as_is_but_keeps_its_fused():
    lang = load("en")
    assert lang.normalise("My calf's killing me") == "my calf is killing me"
    assert lang.normalise("It's gone, that's it") == "its gone thats it"
    assert lang.normalise("gimme a sec, like, um") == "give me a sec like"


def test_korean_words_with_endings_are_not_foreign_speech():
    # Korean words carry endings the templates do not list: unknown words there say nothing
    # about whom the sentence was for (foreign_ratio is an English setting).
    ko = build_matcher(PluginHost(autoload=False), "ko")
    assert ko.language.foreign_ratio == 0
    assert ko.match("지금 너무 아파").name == "answer.no"


def test_korean_normalise_is_untouched():
    ko = load("ko")
    assert ko.normalise("음 왼쪽 종아리에 쥐 났어") == "왼쪽 종아리에 쥐 났어"


def test_no_declared_sentence_says_a_word_normalising_rewrites(en):
    # A respelled or filler word in a template could never match (nor "all right" written
    # "alright"): templates are written as normalise gives text.
    lang = en.language
    for template_sentences in en.sentences_by_intent(limit_per_template=300).values():
        for sentence in template_sentences:
            assert lang.normalise(sentence) == sentence, sentence


def test_looseness_leaves_grammars_as_declared(en):
    # Skippable words and stand-ins loosen matching only: the recogniser hears the
    # sentences as written.
    sentences = {s for ss in en.sentences_by_intent().values() for s in ss}
    assert "the cramp has finally stopped" not in sentences
    assert "back of me thigh" not in sentences
    assert set(expand("[my] {m}", {"m": {"x": ["back of my thigh"]}})) == {
        "back of my thigh", "my back of my thigh"}


def test_respell_takes_phrases_longer_than_three_words():
    assert load("en").normalise("There's no way I can stand up") == "i cant stand up"


def test_a_slot_taken_back_in_one_breath_answers_nothing(en):
    # "no" between two mentions of one list corrects the first, even when a yes/no question
    # is open; said alone before the slot it still corrects the journal.
    got = en.match("my left, no, my right calf", prefer=["answer.no", "answer.yes"])
    assert (got.name, got.slots) == ("cramp.report", {"side": "right", "muscle": "calf"})
    assert en.match("no, my right calf").name == "log.correct"


def test_a_reason_does_not_make_a_command_speech_for_someone_else(en):
    assert en.match("stop, i don't want to watch this").name == "coach.stop"
    assert en.match("stop hogging the duvet, i don't want to be cold").name is None


def test_a_place_said_in_the_past_at_the_rating_question_corrects_it(en):
    # "How bad was it?" — "it was my left calf": where the cramp just had was, not a new one.
    got = en.match("it was my left calf", prefer=["log.severity"])
    assert (got.name, got.slots) == ("log.correct", {"side": "left", "muscle": "calf"})
    got = en.match("my calf's cramping again", prefer=["log.severity"])
    assert (got.name, got.slots) == ("cramp.report", {"muscle": "calf"})
    assert en.match("um, seven I think", prefer=["log.severity"]).slots == {"severity": 7}


def test_the_answer_asked_for_said_as_a_correction_is_the_answer(en):
    # "Calf, foot or thigh?" — "no, my foot": the same slots as the answer, so the answer
    # (coaching starts), not a change to the journal.
    for text, slots in [("no, my foot", {"muscle": "foot"}),
                        ("it's actually my thigh", {"muscle": "thigh"})]:
        got = en.match(text, prefer=["cramp.report"])
        assert (got.name, got.slots) == ("cramp.report", slots), text
    # Another slot is another intent: a new cramp at the rating question stays a report.
    got = en.match("it was my left calf", prefer=["log.severity"])
    assert got.name == "log.correct"
    # Without slots nothing changes: "no, stop" at "Has it let go?" stops.
    assert en.match("no, stop", prefer=["answer.yes", "answer.no"]).name == "coach.stop"


def test_the_value_asked_for_said_with_a_comment_is_the_answer(en):
    # "How bad was it?" — a number with a comment around it is still the number; not asked,
    # the comment is most of what was said and no rating is taken.
    for text, value in [("maybe a 3, it wasn't too bad this time", 3),
                        ("it lasted 5 minutes and it was a 6", 6),
                        ("nine, and it's still sore", 9)]:
        got = en.match(text, prefer=["log.severity"])
        assert (got.name, got.slots) == ("log.severity", {"severity": value}), text
    assert en.match("it lasted 5 minutes and it was a 6").name is None
    assert en.match("five minutes, I think", prefer=["log.severity"]).name is None


def test_partly_said_alone_is_a_yes_when_asked(en):
    check = ["answer.yes", "answer.no", "answer.unsure", "cramp.over"]
    for text in ["nearly", "almost", "a tiny bit", "getting there"]:
        assert en.match(text, prefer=check).name == "answer.yes", text
