"""The public face and the programs: the programme's news on the portal (two a month, a few drafts never shown),
a year of visit counts by day, and the lead's API tokens (one read-only, one read-write, one revoked), so that
the portal's list, its counter and the token page are measured at scale like every other page.

No token's secret exists anywhere: only a hash of random bytes is stored, as the services store it, and the
generator never prints one (a generated database is not a way into anything)."""
import datetime as dt

from isogov.accounts.models import ApiToken, TokenScope
from isogov.accounts.services import token_hash
from isogov.generate.base import Context
from isogov.portal.models import News, NewsKind, VisitDay

TOPICS = [
    "Hội nghị triển khai Kế hoạch duy trì, cải tiến HTQLCL theo TCVN ISO 9001:2015",
    "Tập huấn mô hình khung HTQLCL cho các cơ quan, đơn vị",
    "Kết quả kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL",
    "Hướng dẫn cập nhật văn bản pháp luật mới vào hệ thống tài liệu",
    "Thông báo công bố HTQLCL phù hợp TCVN ISO 9001:2015",
]


def portal(ctx: Context) -> None:
    rng, lead = ctx.rng, ctx.lead_user
    start = ctx.today - dt.timedelta(days=365 * len(ctx.years))
    items = []
    for i in range(24 * len(ctx.years)):
        day = start + dt.timedelta(days=rng.randint(0, (ctx.today - start).days))
        public = rng.random() < 0.9
        topic = TOPICS[i % len(TOPICS)]
        kind = NewsKind.ANNOUNCEMENT if topic.startswith("Thông báo") else NewsKind.NEWS
        items.append(News(
            kind=kind, title=f"{topic} ({day:%d/%m/%Y})", summary=f"{topic}: tóm tắt nội dung.",
            body=f"{topic}.\n\nNội dung chi tiết do Sở Khoa học và Công nghệ cung cấp.",
            is_public=public, published_at=ctx.moment(day) if public else None, created_by=lead))
    ctx.save(News, items, trail_of=lambda n: (None, lead, n.published_at.date() if n.published_at else ctx.today))
    days = []
    for back in range((ctx.today - start).days, -1, -1):
        visitors = rng.randint(20, 400)
        days.append(VisitDay(day=ctx.today - dt.timedelta(days=back), visitors=visitors,
                             views=visitors * rng.randint(2, 6)))
    ctx.save(VisitDay, days)
    tokens = [ApiToken(user=lead, name=name, scope=scope, key_hash=token_hash(f"generated-{rng.random()}"),
                       prefix=f"{rng.getrandbits(32):08x}",
                       revoked_at=ctx.moment(ctx.day(30, 1)) if revoked else None)
              for name, scope, revoked in (("Hệ thống một cửa điện tử", TokenScope.READ_WRITE, False),
                                           ("Cổng dữ liệu tỉnh", TokenScope.READ, False),
                                           ("Thử nghiệm (đã thu hồi)", TokenScope.READ, True))]
    ctx.save(ApiToken, tokens, trail_of=lambda t: (None, lead, ctx.day(60, 31)))
