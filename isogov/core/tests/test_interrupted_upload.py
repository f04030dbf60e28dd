"""An upload cut off in the middle of its body (the client declares more bytes than it sends, then goes away)
leaves no file: nothing new under MEDIA_ROOT, nothing left in FILE_UPLOAD_TEMP_DIR, where Django spools a large
upload while it arrives. A real server (the live-server thread) reads from a real socket."""
import socket
import time
from urllib.parse import urlparse

import pytest

from isogov.core.tests.files import PDF_BYTES

TOKEN = "a" * 32  # an unmasked CSRF secret, the same in the cookie and the form
BOUNDARY = "----isogov-test-boundary"


def files(root) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def body(content: bytes) -> bytes:
    fields = {"csrfmiddlewaretoken": TOKEN, "code": "QT-07", "title": "Quy trình giải quyết khiếu nại",
              "kind": "procedure", "owner_name": "Thanh tra huyện"}
    parts = [f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode()
             for k, v in fields.items()]
    parts.append(f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"qt07.pdf\"\r\n"
                 "Content-Type: application/pdf\r\n\r\n".encode() + content + f"\r\n--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def request(live_server, session: str, length: int) -> socket.socket:
    url = urlparse(live_server.url)
    sock = socket.create_connection((url.hostname, url.port), timeout=30)
    sock.sendall((f"POST /agencies/842/documents/new/ HTTP/1.1\r\nHost: {url.netloc}\r\n"
                  f"Cookie: sessionid={session}; csrftoken={TOKEN}\r\n"
                  f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n"
                  "Connection: close\r\n\r\n").encode())
    return sock


def settle(check, timeout=15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


@pytest.mark.django_db(transaction=True)
def test_an_upload_cut_off_mid_body_leaves_no_file(province, live_server, client, settings, media_storage, tmp_path):
    spool = tmp_path / "spool"
    spool.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    client.force_login(province.alice, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies["sessionid"].value

    # The same request sent whole stores the file: the endpoint does keep what it is given.
    whole = body(PDF_BYTES)
    sock = request(live_server, session, len(whole))
    sock.sendall(whole)
    assert b" 302 " in sock.recv(4096).split(b"\r\n")[0] + b" "
    sock.close()
    stored = files(media_storage)
    assert len(stored) == 1 and next(iter(stored)).endswith(".pdf")

    # Larger than FILE_UPLOAD_MAX_MEMORY_SIZE: Django spools it to a temporary file as it arrives.
    content = PDF_BYTES + b"%" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1024 * 1024)
    cut = body(content)
    sock = request(live_server, session, len(cut) + 1)
    sock.sendall(cut[: len(cut) - 4096])  # most of the file, never its end
    assert settle(lambda: files(spool)), "the server never spooled the upload: the test would prove nothing"
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    assert settle(lambda: not files(spool)), f"left in FILE_UPLOAD_TEMP_DIR: {files(spool)}"
    assert files(media_storage) == stored
