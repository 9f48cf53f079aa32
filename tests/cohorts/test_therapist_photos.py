"""A therapist's photo: uploaded in admin, stored as resized renditions, served by the site."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cohorts.models import Therapist
from cohorts.photos import PHOTO_NOT_AN_IMAGE, PHOTO_TOO_SMALL
from tests.factories import CohortFactory, TherapistFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def image_file(width=900, height=1200, fmt="JPEG", name="me.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 160, 150)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def change(client, therapist, **extra):
    data = {
        "user": therapist.user_id,
        "display_name": therapist.display_name,
        "slug": therapist.slug,
        # The admin edits the bio and pronouns in English and Spanish (modeltranslation).
        "pronouns_en": therapist.pronouns,
        "credentials": therapist.credentials,
        "license_number": therapist.license_number,
        "bio_en": therapist.bio,
        "is_listed": "on",
        "photo_alt_en": "",
        **extra,
    }
    url = reverse("admin:cohorts_therapist_change", args=[therapist.pk])
    return client.post(url, data)


def test_an_uploaded_photo_is_stored_square_at_three_widths_and_served_as_webp(staff, client):
    therapist = TherapistFactory()
    response = change(staff, therapist, photo=image_file())
    assert response.status_code == 302
    therapist.refresh_from_db()
    assert therapist.photo_widths == [160, 320, 480]
    client.logout()
    for width in (160, 320, 480):
        served = client.get(therapist.photo_url(width))
        assert served.status_code == 200
        assert served["Content-Type"] == "image/webp"
        assert "immutable" in served["Cache-Control"]
        with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
            assert image.format == "WEBP"
            assert image.size == (width, width)


def test_a_small_photo_is_never_enlarged(staff):
    therapist = TherapistFactory()
    change(staff, therapist, photo=image_file(350, 400))
    therapist.refresh_from_db()
    assert therapist.photo_widths == [160, 320]


def test_a_file_that_is_not_an_image_is_a_form_error(staff):
    therapist = TherapistFactory()
    fake = SimpleUploadedFile("me.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = change(staff, therapist, photo=fake)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"] == [PHOTO_NOT_AN_IMAGE]
    assert Therapist.objects.get(pk=therapist.pk).photo_key == ""


def test_a_tiny_image_is_a_form_error(staff):
    therapist = TherapistFactory()
    response = change(staff, therapist, photo=image_file(100, 100))
    assert response.context["adminform"].form.errors["photo"] == [PHOTO_TOO_SMALL]


def test_a_new_photo_replaces_the_old_one_whose_addresses_stop_working(staff, client):
    therapist = TherapistFactory()
    change(staff, therapist, photo=image_file())
    therapist.refresh_from_db()
    old_url = therapist.photo_url(160)
    out = io.BytesIO()
    Image.new("RGB", (600, 600), (200, 100, 50)).save(out, "PNG")
    change(staff, therapist, photo=SimpleUploadedFile("new.png", out.getvalue()))
    therapist.refresh_from_db()
    assert therapist.photo_url(160) != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(therapist.photo_url(160)).status_code == 200


def test_removing_the_photo_brings_back_the_placeholder(staff, client):
    therapist = TherapistFactory()
    change(staff, therapist, photo=image_file())
    change(staff, therapist, remove_photo="on")
    therapist.refresh_from_db()
    assert therapist.photo_key == ""
    html = client.get(therapist.get_absolute_url()).content.decode()
    assert "therapist-photo-placeholder" in html


def test_an_unlisted_therapists_photo_is_not_served(staff, client):
    therapist = TherapistFactory()
    change(staff, therapist, photo=image_file())
    therapist.refresh_from_db()
    Therapist.objects.filter(pk=therapist.pk).update(is_listed=False)
    assert client.get(therapist.photo_url(160)).status_code == 404


def test_an_unknown_width_or_key_is_not_found(client):
    assert client.get("/media/therapists/0123456789abcdef-160.webp").status_code == 404
    assert client.get("/media/therapists/../../settings.py").status_code == 404


def test_the_therapist_page_shows_the_photo_with_srcset_and_alt_text(staff, client):
    therapist = TherapistFactory(display_name="Ana Ruiz")
    change(staff, therapist, photo=image_file())
    therapist.refresh_from_db()
    html = client.get(therapist.get_absolute_url()).content.decode()
    assert f'srcset="{therapist.photo_url(160)} 160w' in html
    assert "480w" in html
    assert 'alt="Photo of Ana Ruiz"' in html
    assert "therapist-photo-placeholder" not in html


def test_the_alt_text_written_in_admin_is_used_in_each_language(staff, client):
    therapist = TherapistFactory()
    change(
        staff,
        therapist,
        photo=image_file(),
        photo_alt_en="Ana smiling in her office",
        photo_alt_es="Ana sonriendo en su consultorio",
    )
    english = client.get(therapist.get_absolute_url()).content.decode()
    spanish = client.get("/es" + therapist.get_absolute_url()).content.decode()
    assert 'alt="Ana smiling in her office"' in english
    assert 'alt="Ana sonriendo en su consultorio"' in spanish


def test_without_a_photo_the_group_page_shows_a_placeholder_not_a_broken_image(client):
    cohort = CohortFactory()
    html = client.get(cohort.group.get_absolute_url()).content.decode()
    assert cohort.lead_therapist.display_name in html
    assert "therapist-photo-placeholder" in html
    assert '<img class="therapist-photo' not in html


def test_the_group_page_shows_the_therapists_photo(staff, client):
    cohort = CohortFactory()
    change(staff, cohort.lead_therapist, photo=image_file())
    cohort.lead_therapist.refresh_from_db()
    client.logout()
    html = client.get(cohort.group.get_absolute_url()).content.decode()
    assert f'src="{cohort.lead_therapist.photo_url(160)}"' in html
    assert 'sizes="96px"' in html


def test_the_admin_form_takes_files_and_shows_the_current_photo(staff):
    add = staff.get(reverse("admin:cohorts_therapist_add"))
    assert add.status_code == 200
    assert 'enctype="multipart/form-data"' in add.content.decode()
    therapist = TherapistFactory()
    change(staff, therapist, photo=image_file())
    therapist.refresh_from_db()
    page = staff.get(reverse("admin:cohorts_therapist_change", args=[therapist.pk]))
    assert f'src="{therapist.photo_url(160)}"' in page.content.decode()


def test_the_stored_photo_keeps_no_camera_data_and_stands_upright(staff, client):
    exif = Image.Exif()
    exif[0x0110] = "Phone X"  # camera model
    exif[0x0112] = 6  # orientation: rotate 90 degrees to stand upright
    out = io.BytesIO()
    # Wide as stored; the orientation tag makes it tall, and the tall half is dark.
    image = Image.new("RGB", (1200, 600), (255, 255, 255))
    image.paste((0, 0, 0), (0, 0, 600, 600))
    image.save(out, "JPEG", exif=exif)
    therapist = TherapistFactory()
    change(staff, therapist, photo=SimpleUploadedFile("me.jpg", out.getvalue()))
    therapist.refresh_from_db()
    served = client.get(therapist.photo_url(480))
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as stored:
        assert dict(stored.getexif()) == {}
        assert stored.size == (480, 480)
        # Turned upright, the dark half is on top: dark at the top right, light below it.
        assert sum(stored.convert("RGB").getpixel((400, 10))) < 100
        assert sum(stored.convert("RGB").getpixel((400, 470))) > 600
