"""The embedded default: each message becomes a text file in the outbox folder.

`make demo` sends nothing anywhere; a person reads the messages in var/outbox/ (one file per
message, named by time and the opaque reference). The log line names only the reference.
"""

import logging
import os
import tempfile
from pathlib import Path

from guichet.core import clock
from guichet.notifications.providers.base import OutboundMessage, TransientProviderError

logger = logging.getLogger(__name__)


class FileProvider:
    name = "file"
    label = "File outbox"

    def __init__(self, *, directory: Path) -> None:
        self.directory = Path(directory)

    def send_sms(self, message: OutboundMessage) -> str:
        return self._write(message)

    def send_email(self, message: OutboundMessage) -> str:
        return self._write(message)

    def _write(self, message: OutboundMessage) -> str:
        lines = [
            f"Channel: {message.channel}",
            f"To: {message.recipient}",
            f"Language: {message.language}",
            f"Purpose: {message.purpose}",
            f"Reference: {message.reference}",
        ]
        if message.subject:
            lines.append(f"Subject: {message.subject}")
        stem = f"{clock.now():%Y%m%d-%H%M%S}-{message.channel}-{message.reference}"
        # Each attachment is a file of its own beside the message, named after it.
        files = {f"{stem}-{a.name}": a.content for a in message.attachments}
        lines += [
            f"Attachment: {name} ({a.content_type})"
            for name, a in zip(files, message.attachments, strict=True)
        ]
        files[f"{stem}.txt"] = "\n".join([*lines, "", message.body, ""])  # the message last
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                # Written aside, then renamed: a reader never sees half a message.
                handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".part")
                with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                    file.write(text)
                os.replace(temporary, self.directory / name)
        except OSError as error:
            raise TransientProviderError(
                self.name,
                f"{self.label}: could not write to the outbox folder ({error.strerror}).",
                error_class="os_error",
            ) from error
        logger.info(
            "notification %s (%s) written to the outbox", message.reference, message.channel
        )
        return f"file-{message.reference}"
