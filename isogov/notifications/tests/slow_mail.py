"""An e-mail backend for the kill test's worker process: each message takes SLOW_MAIL_SECONDS to "send" and is
then written to SLOW_MAIL_DIR, one file per message, so the test sees from outside which mails left and when."""
import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        folder = Path(os.environ["SLOW_MAIL_DIR"])
        for message in messages:
            time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0")))
            (folder / f"{uuid.uuid4().hex}.eml").write_text("\n".join(message.to), encoding="utf-8")
        return len(messages)
