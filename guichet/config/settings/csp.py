"""Content-Security-Policy (django-csp): what a page may load and run.

Everything comes from our own origin (the GC Design System is served from build/static, no
CDN), and no inline script, style attribute, <style> block or on…= handler is allowed in our
templates (guichet/core/tests/test_csp.py scans them). The one exception is a nonce for
styles: the design system's components (Stencil) add a <style> to the page at start-up and
give it the nonce they read from <meta name="csp-nonce"> (web/base.html). `data:` images are
the favicon placeholder and the icons the design system's stylesheet draws.
"""

from csp.constants import NONCE, NONE, SELF

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
