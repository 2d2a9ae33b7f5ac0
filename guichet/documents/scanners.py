"""The antivirus behind an interface: DOCUMENTS_SCANNER names a class with `scan(data)`.

Every file a client sends is scanned as it arrived, before it is parsed or re-encoded. The
default accepts everything (there is no antivirus on a laptop); production names a class that
calls the department's scanning service. `EicarTestScanner` refuses the EICAR test file, so
the tests prove a refusal reaches the client and nothing is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    # What the scanner found, for the audit trail and logs (a signature name, never content).
    finding: str = ""


class Scanner(Protocol):
    def scan(self, data: bytes) -> ScanResult: ...


class AcceptAllScanner:
    """No antivirus: every file is clean. For development and the demo only."""

    def scan(self, data: bytes) -> ScanResult:
        return ScanResult(clean=True)


# The 68 characters of the EICAR test file, in two halves so that this source file is not
# itself taken for it by an antivirus on a developer's machine.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class EicarTestScanner:
    """Refuses any file holding the EICAR test string, as every real antivirus does."""

    def scan(self, data: bytes) -> ScanResult:
        if EICAR in data:
            return ScanResult(clean=False, finding="EICAR-Test-File")
        return ScanResult(clean=True)


@cache
def _scanner_class(path: str) -> type[Scanner]:
    return import_string(path)  # type: ignore[no-any-return]


def scanner_get() -> Scanner:
    """An instance of the scanner the settings name."""
    return _scanner_class(settings.DOCUMENTS_SCANNER)()
