"""The journal as a FHIR R4 Bundle: one Symptom Observation per cramp and per red flag.

It follows the HL7 FHIR R4 Symptoms Implementation Guide's *Symptom Observation*
(http://hl7.org/fhir/uv/symptoms): ``code`` is LOINC 75325-1 "Symptom", the value is the
symptom itself (SNOMED CT 55300003 "Cramp"), ``bodySite`` says where with the side as the
guide's location qualifier, the effective period is when it began and (if measured) ended,
and components carry the severity and what relieved it. Everything was reported by the
person about themselves: they are subject and performer, and every Observation carries the
"patient reported" integrity label. Each red flag (a worrying symptom the person told the
coach, listed under "Red flags reported" in the doctor's report) is a Symptom Observation too:
the value is what they said, in their words; the interpretation and a component carry the
tier of advice the coach gave; the effective time is when it was said; a symptom told of
someone else says so (``focus`` and a note). Plain dictionaries, no FHIR library at run time; the
tests validate the output with ``fhir.resources``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from .store import parse_time

PROFILE = "http://hl7.org/fhir/uv/symptoms/StructureDefinition/SymptomObservation"
LOCATION_QUALIFIER = "http://hl7.org/fhir/uv/symptoms/StructureDefinition/LocationQualifier"
SYMPTOM_CATEGORY = "http://hl7.org/fhir/uv/symptoms/CodeSystem/SymptomTemporary"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
PATIENT_REPORTED = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
                    "code": "PATRPT", "display": "patient reported"}
NAMESPACE = uuid.UUID("6f1c2a8e-4d0b-5b7e-9c3a-1e2f3a4b5c6d")
"""Ids are derived from the journal's, so exporting twice gives the same resources."""

# Where it hurt: the nearest SNOMED CT body structure; the words keep the detail.
BODY_SITES = {
    "calf": ("53840002", "Calf of leg", "calf"),
    "foot": ("56459004", "Foot", "foot"),
    "toes": ("29707007", "Toe", "toes"),
    "thigh": ("68367000", "Thigh", "front of the thigh"),
    "hamstring": ("68367000", "Thigh", "back of the thigh (hamstring)"),
    "shin": ("30021000", "Lower leg", "shin"),
}
SIDE_WORDS = {"left": "left", "right": "right", "both": "both legs"}
# Self-rated 0-10 mapped onto the guide's severity codes, and kept as the number itself.
SEVERITY_BANDS = ((3, "255604002", "Mild"), (6, "6736007", "Moderate"),
                  (10, "24484000", "Severe"))
# A red flag's tier: what the coach advised (as in the doctor's report).
TIER_TEXT = {"emergency": "Emergency: told to call emergency services",
             "same_day": "Same day: told to get medical advice the same day",
             "soon": "Soon: told to see a doctor soon"}
ABOUT_OTHER = " (someone else)"
"""How the journal marks a red flag told of another person (see the safety plugin)."""


def _id(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def _instant(text: str | datetime) -> str:
    value = text if isinstance(text, datetime) else parse_time(text)
    return value.isoformat(timespec="seconds")


def _concept(system: str, code: str, display: str, text: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"coding": [{"system": system, "code": code, "display": display}]}
    if text:
        out["text"] = text
    return out


def patient_resource(patient: dict[str, Any] | None) -> dict[str, Any]:
    """The person who kept the journal; name and birth date only if they gave them."""
    res: dict[str, Any] = {"resourceType": "Patient", "id": _id("patient")}
    patient = patient or {}
    if patient.get("name"):
        res["name"] = [{"text": str(patient["name"])}]
    if patient.get("birth_date"):
        res["birthDate"] = str(patient["birth_date"])
    return res


def observation(e: dict[str, Any], patient_ref: str) -> dict[str, Any]:
    """One episode as a Symptom Observation."""
    start = parse_time(e["started_at"])
    period = {"start": _instant(start)}
    if e.get("duration_s") is not None:
        period["end"] = _instant(start + timedelta(seconds=round(e["duration_s"])))
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _id("episode", e["id"], e.get("created_at")),
        "meta": {"profile": [PROFILE], "security": [PATIENT_REPORTED]},
        "status": "final" if e.get("ended_at") else "preliminary",
        "category": [_concept(SYMPTOM_CATEGORY, "symptom", "Symptom")],
        "code": _concept(LOINC, "75325-1", "Symptom"),
        "subject": {"reference": patient_ref},
        "effectivePeriod": period,
        "performer": [{"reference": patient_ref}],
        "valueCodeableConcept": _concept(SNOMED, "55300003", "Cramp", "Night leg cramp"),
    }
    if e.get("created_at"):
        obs["issued"] = _instant(e["created_at"])
    site = _body_site(e.get("muscle"), e.get("side"))
    if site:
        obs["bodySite"] = site
    components = _severity(e.get("severity")) + _relief(e)
    if components:
        obs["component"] = components
    notes = [n for n in (_ending_note(e), e.get("notes")) if n]
    if notes:
        obs["note"] = [{"text": n} for n in notes]
    return obs


def _body_site(muscle: str | None, side: str | None) -> dict[str, Any] | None:
    if muscle is None and side is None:
        return None
    code, display, words = BODY_SITES.get(muscle or "", ("30021000", "Lower leg", "leg"))
    side_words = SIDE_WORDS.get(side or "")
    site = _concept(SNOMED, code, display, " ".join(w for w in (side_words, words) if w))
    if side_words:
        site["extension"] = [{"url": LOCATION_QUALIFIER, "valueString": side_words}]
    return site


def _severity(severity: int | None) -> list[dict[str, Any]]:
    if severity is None:
        return []
    band = next(b for b in SEVERITY_BANDS if severity <= b[0])
    said = f"{severity} out of 10, self-rated"
    return [
        {"code": _concept(LOINC, "64750-3", "Severity of symptoms"),
         "valueCodeableConcept": _concept(SNOMED, band[1], band[2], said)},
        {"code": _concept(LOINC, "72514-3",
                          "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
         "valueInteger": severity},
    ]


def _relief(e: dict[str, Any]) -> list[dict[str, Any]]:
    """What relieved it: the step under way when it let go, if the coach knew it."""
    helped = e.get("relieved_by")
    if not helped or e.get("ended_by") != "over":
        return []
    return [{"code": _concept(LOINC, "100753-3", "Alleviating factors - Reported"),
             "valueCodeableConcept": {"text": str(helped)}}]


def _ending_note(e: dict[str, Any]) -> str:
    tried = ", ".join(str(s).replace("_", " ") for s in e.get("relief") or [])
    ending = {"over": "it let go", "stopped": "coaching was stopped",
              "interrupted": "the session was interrupted",
              "timed out": "nobody said it was over",
              "told": "told of afterwards, time not said"}.get(e.get("ended_by") or "", "")
    parts = []
    if tried:
        parts.append(f"Tried: {tried}.")
    if ending:
        parts.append(f"Ended: {ending}.")
    if e.get("duration_s") is None:
        parts.append("Duration not measured.")
    return " ".join(parts)


def red_flag(sym: dict[str, Any], patient_ref: str,
             episodes: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One red flag (a row of the journal's ``symptoms``) as a Symptom Observation."""
    words, _, found = str(sym["symptom"]).partition(" [")
    about_other = words.endswith(ABOUT_OTHER)
    words = words.removesuffix(ABOUT_OTHER).strip()
    if not found and "_" in words and " " not in words:
        words = words.replace("_", " ")  # older journals kept the symptom's id, not the words
    tier = str(sym.get("tier") or "")
    tier_text = TIER_TEXT.get(tier, f"{tier.replace('_', ' ') or 'Unknown'}: advice given")
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _id("symptom", sym["id"], sym["reported_at"]),
        "meta": {"profile": [PROFILE], "security": [PATIENT_REPORTED]},
        "status": "final",
        "category": [_concept(SYMPTOM_CATEGORY, "symptom", "Symptom")],
        "code": _concept(LOINC, "75325-1", "Symptom"),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": _instant(sym["reported_at"]),
        "issued": _instant(sym["reported_at"]),
        "performer": [{"reference": patient_ref}],
        "valueCodeableConcept": {"text": words or "a worrying symptom"},
        "interpretation": [{"text": f"Red flag. {tier_text}."}],
        "component": [{"code": {"text": "Red flag tier"},
                       "valueCodeableConcept": {"text": tier or "unknown"}}],
    }
    notes = []
    if about_other:
        obs["focus"] = [{"display": "someone else, not the patient (as the patient told it)"}]
        notes.append("Told of someone else, not the patient.")
    if found:
        notes.append(f"The coach's screen matched: {found.rstrip(']').replace('_', ' ')}.")
    ep = (episodes or {}).get(sym.get("episode_id") or -1)
    if ep is not None:
        notes.append(f"Said during the cramp that began {_instant(ep['started_at'])}.")
    if notes:
        obs["note"] = [{"text": " ".join(notes)}]
    return obs


def bundle(eps: list[dict[str, Any]], now: datetime,
           patient: dict[str, Any] | None = None,
           symptoms: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A ``collection`` Bundle: the patient first, then one Observation per episode, then
    one per red flag reported."""
    person = patient_resource(patient)
    patient_url = "urn:uuid:" + person["id"]
    entries = [{"fullUrl": patient_url, "resource": person}]
    for e in eps:
        obs = observation(e, patient_url)
        entries.append({"fullUrl": "urn:uuid:" + obs["id"], "resource": obs})
    by_id = {e["id"]: e for e in eps}
    for sym in symptoms or []:
        obs = red_flag(sym, patient_url, by_id)
        entries.append({"fullUrl": "urn:uuid:" + obs["id"], "resource": obs})
    return {
        "resourceType": "Bundle",
        "id": _id("bundle", now.isoformat()),
        "type": "collection",
        "timestamp": _instant(now),
        "entry": entries,
    }
