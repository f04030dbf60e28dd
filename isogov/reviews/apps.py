from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "isogov.reviews"
    label = "reviews"
