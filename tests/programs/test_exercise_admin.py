"""Django admin for the library: searchable by muscle, no deleting, the loader's hash read-only."""

import pytest

from tests.factories import ExerciseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_admin_finds_exercises_by_target_muscle(superuser_client):
    ExerciseFactory(name="Seated figure-four", target_muscles=["piriformis"])
    ExerciseFactory(name="Calf raise", target_muscles=["gastrocnemius"])

    response = superuser_client.get("/django-admin/programs/exercise/", {"q": "piriformis"})

    assert response.status_code == 200
    assert b"Seated figure-four" in response.content
    assert b"Calf raise" not in response.content


def test_admin_cannot_delete_and_cannot_edit_the_library_hash(superuser_client):
    exercise = ExerciseFactory(library_hash="abc123")

    change = superuser_client.get(f"/django-admin/programs/exercise/{exercise.pk}/change/")
    delete = superuser_client.get(f"/django-admin/programs/exercise/{exercise.pk}/delete/")

    assert change.status_code == 200
    assert b'name="library_hash"' not in change.content
    assert delete.status_code == 403
