"""Documents a client sends in answer to a request (guichet.documents).

PDF, JPEG or PNG, checked from their content; images are re-encoded (pixels only), PDFs are
refused when they carry a script, an embedded file or a launch action, or are encrypted. Every
file then goes to the antivirus named by DOCUMENTS_SCANNER (a class with `scan(data) ->
ScanResult`); the default accepts everything and is meant to be replaced in production by a
scanner that calls the department's antivirus service.
"""

from guichet.config.env import env_int, env_str

DOCUMENTS_MAX_BYTES = env_int("DOCUMENTS_MAX_BYTES", 4 * 1024 * 1024)
DOCUMENTS_MAX_PIXELS = env_int("DOCUMENTS_MAX_PIXELS", 25_000_000)
DOCUMENTS_MAX_SIZE = (8000, 8000)
DOCUMENTS_MAX_PDF_PAGES = env_int("DOCUMENTS_MAX_PDF_PAGES", 100)
DOCUMENTS_SCANNER = env_str("DOCUMENTS_SCANNER", "guichet.documents.scanners.AcceptAllScanner")
