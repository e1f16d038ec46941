"""`rolebook edit`: forms for the roles and the library, in Decap CMS, served by Rolebook itself.

Decap CMS (https://decapcms.org, MIT) is vendored as its pinned browser bundle in `static/`, with
its licence; nothing is fetched from elsewhere and no Node.js is needed. Decap's `proxy` backend
talks to `api.py`, which reads and writes the files of the roles folder the way `decap-server`
does, except that a save keeps the file's comments and key order (`store.py`) and is refused when
the checks find an error in it. The form fields come from the pydantic model (`shape.py`,
`decap.py`)."""

from __future__ import annotations

DECAP_VERSION = "3.16.3"
"""The decap-cms release on npm whose dist/decap-cms.js is vendored."""
DECAP_FILE = "decap-cms.js"
DECAP_SHA256 = "7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8"
"""The vendored bundle's sha256 (a test checks it): `npm pack decap-cms@3.16.3`, package/dist."""
