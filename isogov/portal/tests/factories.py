"""News items made through the services, as the programme lead makes them: a draft, or published."""
import factory
from factory.django import DjangoModelFactory

from isogov.portal import services
from isogov.portal.models import News, NewsKind


class NewsFactory(DjangoModelFactory):
    class Meta:
        model = News

    actor = None
    kind = NewsKind.NEWS
    title = factory.Sequence(lambda n: f"Tin số {n}")
    summary = "Tóm tắt"
    body = "Đoạn một.\n\nĐoạn hai."
    attachment = None
    publish = False

    @classmethod
    def _create(cls, model_class, *args, publish=False, **kwargs):
        news = services.news_create(**kwargs)
        return services.news_publish(actor=kwargs["actor"], news=news) if publish else news
