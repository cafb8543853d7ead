"""What a screen reader says for an exercise picture, in the reader's language."""

from django.utils import translation

from programs.templatetags.snapshot_tags import picture_title, snapshot_pictures


def test_picture_titles_are_whole_translated_sentences():
    assert picture_title("Bridge", "start") == "Start position: Bridge"
    assert picture_title("", "end") == "End position"
    with translation.override("es"):
        assert picture_title("Puente", "start") == "Posición inicial: Puente"
        assert picture_title("", "end") == "Posición final"
    with translation.override("pt-br"):
        assert picture_title("Ponte", "end") == "Posição final: Ponte"


def test_a_spanish_reader_hears_the_spanish_name_of_the_exercise(db):
    from programs.models import Exercise
    from programs.services.snapshot import exercise_snapshot

    exercise = Exercise.objects.exclude(figure={}).first()
    if exercise is None:
        from programs.library import load_library

        load_library()
        exercise = Exercise.objects.exclude(figure={}).first()
    snap = exercise_snapshot(exercise)
    spanish = snap["translations"]["es"]["name"]
    with translation.override("es"):
        (pictures,) = snapshot_pictures([snap])
    assert f"<title>Posición inicial: {spanish}</title>" in pictures["start"]
