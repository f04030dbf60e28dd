from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "isogov.reviews"
    label = "reviews"

    def ready(self):
        # The minutes register their Word template (the administrator's list names every one).
        from isogov.reviews import minutes  # noqa: F401
