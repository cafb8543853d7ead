"""The portal's "What's new" is written at display time in the reader's language from the
facts each change keeps, never by translating the English sentence staff read."""

from django.utils import translation

from programs.services import patient_sentences, summarise_changes
from tests.programs.test_revision_history import BRIDGE, CLAM, _item, _snapshot

NAMES_ES = {"glute-bridge": "Puente de glúteos", "clamshell": "Almeja"}


def _changes():
    old = _snapshot(_item(*BRIDGE, 1, reps=8), _item(*CLAM, 2))
    new = _snapshot(
        _item(*CLAM, 2),
        _item(*BRIDGE, 1, reps=10, side_label="Left", note="Slowly"),
        _item("bird-dog", "Bird dog", 3),
        goals="Walk the dog",
    )
    return summarise_changes(old, new)


def test_english_reads_as_the_stored_sentences():
    changes = _changes()
    with translation.override("en"):
        sentences = patient_sentences(changes)
    assert sentences[0] == changes[0]["text"]
    assert "Glute bridge: reps 8 → 10; side Both sides → Left" in sentences


def test_spanish_is_written_from_the_facts_with_the_cards_names():
    with translation.override("es"):
        sentences = patient_sentences(_changes(), NAMES_ES)
    text = "\n".join(sentences)
    assert "Nuevas metas: “Walk the dog”" in text  # the therapist's own words stay as typed
    assert "Se agregó Bird dog en el lugar 3" in text
    assert "Puente de glúteos: repeticiones 8 → 10; lado Ambos lados → Izquierdo" in text
    assert "Nota para Puente de glúteos: (nada) → “Slowly”" in text
    assert "Glute bridge" not in text
    for english in ("Added", "Moved", "reps", "Note for", "Goals changed"):
        assert english not in text


def test_portuguese_first_version_counts_in_portuguese():
    [first] = summarise_changes(None, _snapshot(_item(*BRIDGE, 1), _item(*CLAM, 2)))
    with translation.override("pt-br"):
        assert patient_sentences([first]) == ["Primeira versão, com 2 exercícios."]


def test_a_change_stored_before_the_facts_keeps_its_sentence():
    stored = {"kind": "removed", "exercise": "Clamshell", "text": "Removed Clamshell"}
    with translation.override("es"):
        assert patient_sentences([stored], NAMES_ES) == ["Removed Clamshell"]


def test_staff_only_changes_stay_out():
    changes = [{"kind": "override", "exercise": "x", "text": "Override for x", "facts": {}}]
    with translation.override("es"):
        assert patient_sentences(changes) == []
