import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_coverage_page_shows_the_threshold_in_use(province, as_user, settings):
    settings.ISOGOV = {**settings.ISOGOV, "TRAINING_MIN_PER_AGENCY": 3}
    html = as_user(province.viewer).get(reverse("training:coverage")).content.decode()
    assert 'name="min" value="3"' in html
