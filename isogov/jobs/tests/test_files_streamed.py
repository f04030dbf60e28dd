"""A file builder may give its file as pieces, for a file too large to hold in memory: the job writes them to its
file one by one, and a GET of the address streams them."""
import pytest
from django.core.files.storage import default_storage
from django.test import RequestFactory

from isogov.jobs import files, runner

pytestmark = pytest.mark.django_db
PIECES = [b"\xef\xbb\xbfcode,name\r\n", b"842,Th\xc3\xa0nh ph\xe1\xbb\x91\r\n", b"844,C\xc3\xa0ng Long\r\n"]


@pytest.fixture
def pieces_builder():
    read = []

    def build(*, user, params):
        def pieces():
            for piece in PIECES:
                read.append(piece)  # made as the reader gets to it
                yield piece
        return "rows.csv", pieces()

    files.register("test.pieces", build)
    yield read
    files.BUILDERS.pop("test.pieces")


def test_the_job_writes_the_pieces_in_order(province, pieces_builder):
    job = files.start(file="test.pieces", title="rows", user=province.admin, params={})
    assert runner.run(job.pk) == "done"
    job.refresh_from_db()
    assert default_storage.open(job.result_file).read() == b"".join(PIECES)
    assert job.result == {"bytes": len(b"".join(PIECES))} and job.result_name == "rows.csv"


def test_a_get_streams_the_pieces(province, pieces_builder):
    request = RequestFactory().get("/rows.csv")
    request.user = province.admin
    response = files.download(request, "test.pieces", params={}, title="rows")
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert pieces_builder == []  # nothing made before the response is read
    assert b"".join(response.streaming_content) == b"".join(PIECES)
    assert 'filename="rows.csv"' in response["Content-Disposition"]
