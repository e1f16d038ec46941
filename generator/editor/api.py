"""The editor as a WSGI application: the Decap CMS page at /admin/ (the vendored bundle, the
generated config.yml, the editor's widget and preview) and, at /api/v1, the backend Decap's
`proxy` backend talks to, as `decap-server` does for local files: POST {action, params} as JSON,
answer JSON, or {"error": message} with a 4xx status, which Decap shows as the reason a save
failed. Every file it reads or writes is a role or library file of the project; a save goes
through `store.save`, which writes nothing the checks refuse."""

from __future__ import annotations

import hashlib
import html
import json
import logging
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..catalog import read_catalog
from . import DECAP_FILE
from .decap import Setting, config, setting_of
from .store import Forms, Project, Refused, delete, read_form, save

log = logging.getLogger("mkdocs.rolebook.edit")

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

ADMIN = "/admin/"
API = "/api/v1"
MAX_BODY = 5_000_000

STATIC = {
    DECAP_FILE: "application/javascript; charset=utf-8",
    "decap-cms.LICENSE": "text/plain; charset=utf-8",
    "decap-cms.js.LICENSE.txt": "text/plain; charset=utf-8",
    "rolebook-editor.js": "application/javascript; charset=utf-8",
    "rolebook-editor.css": "text/css; charset=utf-8",
}

CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
"""Nothing but this server: Decap's page cannot load or send anything elsewhere."""

PREVIEWS = {
    "roles": "roles/{id}/",
    "competencies": "competency-library/",
    "scales": "competency-library/",
    "families": "families/",
    "onboarding": "onboarding/",
    "training": "",
    "organisation": "",
}
"""The page of the site each entry's preview shows ({id}: the role's)."""


class Failed(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


class EditorApp:
    """The /admin/ pages and the /api/v1 backend of one project."""

    def __init__(self, project: Project, *, site_path: str = "/", lang: str = "nl") -> None:
        self.project = project
        self.site_path = site_path
        self.lang = lang
        self.forms = Forms()

    def handles(self, path: str) -> bool:
        return path == API or path == ADMIN.rstrip("/") or path.startswith(ADMIN)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            if path == API:
                if method != "POST":
                    raise Failed("405 Method Not Allowed", "POST a JSON action")
                self._guard(environ)
                return self._json(start_response, "200 OK", self.action(self._body(environ)))
            if method not in ("GET", "HEAD"):
                raise Failed("405 Method Not Allowed", "not here")
            if path == ADMIN.rstrip("/"):
                start_response("302 Found", [("Location", ADMIN)])
                return []
            return self._page(path[len(ADMIN) :], environ, start_response)
        except Failed as exc:
            return self._json(start_response, exc.status, {"error": exc.message})
        except Refused as exc:
            log.warning("rolebook edit: refused:\n%s", exc)
            return self._json(start_response, "422 Unprocessable Entity", {"error": str(exc)})
        except OSError as exc:  # the disk, not the user's data: said in one line
            where = f"{exc.filename}: " if exc.filename else ""
            message = f"{where}{exc.strerror or exc}; nothing was written"
            log.error("rolebook edit: %s", message)
            return self._json(start_response, "500 Internal Server Error", {"error": message})
        except Exception as exc:  # a bug of ours: the whole story in the log, a line in the editor
            log.exception("rolebook edit: %s %s failed", method, path)
            message = f"the editor failed ({type(exc).__name__}: {exc}); see the terminal"
            return self._json(start_response, "500 Internal Server Error", {"error": message})

    # --- the pages ---------------------------------------------------------------------------

    def _page(
        self, name: str, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        headers = [("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff")]
        if name in ("", "index.html"):
            body, kind = self.index_html().encode(), "text/html; charset=utf-8"
            headers.append(("Cache-Control", "no-store"))
        elif name == "config.yml":
            body = self.config_yaml(environ.get("HTTP_HOST", "")).encode()
            kind = "text/yaml; charset=utf-8"
            headers.append(("Cache-Control", "no-store"))
        elif name in STATIC:
            body, kind = _static(name), STATIC[name]
            tag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
            headers += [("Cache-Control", "no-cache"), ("ETag", tag)]
            if environ.get("HTTP_IF_NONE_MATCH") == tag:  # the 5 MB bundle once, not every time
                start_response("304 Not Modified", headers)
                return []
        else:
            raise Failed("404 Not Found", f"no {ADMIN}{name}")
        headers += [("Content-Type", kind), ("Content-Length", str(len(body)))]
        start_response("200 OK", headers)
        return [body]

    def index_html(self) -> str:
        return index_html(self.site_path, self.lang)

    def setting(self) -> Setting:
        """As the files are now (an edit of the organisation's languages shows at once)."""
        cat, _, _, _ = read_catalog(self.project.roles_dir)
        return setting_of(cat, self.project.roles_path)

    def config_yaml(self, host: str = "") -> str:
        """The config for this server: Decap's proxy backend on /api/v1, and the site's address
        for the "view live" link."""
        site = f"http://{host}{self.site_path}" if host else self.site_path
        made = config(
            self.setting(), {"name": "proxy", "proxy_url": API, "branch": "main"}, site_url=site
        )
        return dump_yaml(made)

    # --- the backend -------------------------------------------------------------------------

    def _guard(self, environ: dict[str, Any]) -> None:
        """Only JSON from a page of this server: a page of another site cannot send JSON here
        without asking first (CORS), and is not answered when it asks."""
        kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Failed("415 Unsupported Media Type", "send application/json")
        origin = environ.get("HTTP_ORIGIN")
        host = environ.get("HTTP_HOST", "")
        if origin and urlsplit(origin).netloc != host:
            raise Failed("403 Forbidden", f"requests from {origin} are not accepted")

    def _body(self, environ: dict[str, Any]) -> dict[str, Any]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY:
            raise Failed("413 Content Too Large", "the request is too large")
        try:
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
        except ValueError:
            raise Failed("400 Bad Request", "the request is not JSON") from None
        if not isinstance(body, dict):
            raise Failed("400 Bad Request", "expected {action, params}")
        return body

    def action(self, body: dict[str, Any]) -> Any:
        """One action of Decap's proxy protocol (the ones decap-server's localFs answers)."""
        action = body.get("action")
        params = body.get("params") or {}
        if not isinstance(params, dict):
            raise Failed("400 Bad Request", "params must be an object")
        if action == "info":
            return {"repo": self.project.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return self.entries_by_folder(str(params.get("folder", "")))
        if action == "entriesByFiles":
            files = params.get("files") or []
            return [self.entry(str(f.get("path", "")), f.get("label")) for f in files]
        if action == "getEntry":
            return self.entry(str(params.get("path", "")))
        if action == "persistEntry":
            return self.persist(params)
        if action == "deleteFile":
            self.delete([str(params.get("path", ""))])
            return {"message": "deleted"}
        if action == "deleteFiles":
            self.delete([str(p) for p in params.get("paths") or []])
            return {"message": "deleted"}
        if action in ("getMedia", "unpublishedEntries"):
            return []
        if action == "getDeployPreview":
            return None
        if action in ("getMediaFile", "persistMedia"):
            raise Refused("the editor keeps text only: role files have no pictures or uploads")
        raise Failed("422 Unprocessable Entity", f"Unknown action {action}")

    def entries_by_folder(self, folder: str) -> list[dict[str, Any]]:
        if folder.strip("/") != self.project.roles_path:
            raise Refused(f"{folder}: not the roles folder")
        paths = sorted(self.project.roles_dir.glob("*.yml"))
        return [self.entry(f"{self.project.roles_path}/{p.name}") for p in paths]

    def entry(self, path: str, label: Any = None) -> dict[str, Any]:
        try:
            data = read_form(self.project, path, self.forms)
        except Refused as exc:
            log.warning("rolebook edit: %s", exc)
            target, _ = self.project.locate(path)
            data = target.read_text(encoding="utf-8", errors="replace")
        file: dict[str, Any] = {"path": path, "id": None}
        if label is not None:
            file["label"] = label
        if data is not None:
            file["id"] = hashlib.sha256(data.encode()).hexdigest()
        return {"data": data, "file": file}

    def persist(self, params: dict[str, Any]) -> dict[str, str]:
        if params.get("assets"):
            raise Refused("the editor keeps text only: role files have no pictures or uploads")
        files = params.get("dataFiles") or ([params["entry"]] if params.get("entry") else [])
        if len(files) != 1 or not isinstance(files[0], dict):
            raise Failed("400 Bad Request", "expected one file to save")
        file = files[0]
        path = str(file.get("path", ""))
        if file.get("newPath") and file["newPath"] != path:
            raise Refused(
                f"{path}: a role keeps its file name; to rename it, make a new role and "
                "delete this one"
            )
        warnings = save(self.project, path, str(file.get("raw", "")), self.forms)
        log.info("rolebook edit: saved %s", path)
        for warning in warnings:
            log.warning("%s", warning)
        return {"message": "entry persisted"}

    def delete(self, paths: list[str]) -> None:
        for path in paths:
            delete(self.project, path)
            log.info("rolebook edit: deleted %s", path)

    def _json(self, start_response: StartResponse, status: str, data: Any) -> Iterable[bytes]:
        body = json.dumps(data, ensure_ascii=False).encode()
        start_response(
            status,
            [
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]


def dump_yaml(data: Any) -> str:
    """A config as YAML, keys in the order given."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


INDEX = """\
<!doctype html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Rolebook editor</title>
  <link rel="stylesheet" href="rolebook-editor.css">
</head>
<body data-site="{site}" data-previews="{previews}">
  <script src="{decap}"></script>
  <script src="rolebook-editor.js"></script>
</body>
</html>
"""


def site_path_of(site_url: str | None) -> str:
    """The path the site is served at, from its `site_url`: "/" or "/folder/"."""
    path = urlsplit(site_url or "/").path.strip("/")
    return f"/{path}/" if path else "/"


def index_html(site_path: str, lang: str) -> str:
    """The editor's page: Decap's bundle, then Rolebook's widgets and previews."""
    previews = {key: site_path + page for key, page in PREVIEWS.items()}
    return INDEX.format(
        lang=html.escape(lang),
        site=html.escape(site_path),
        previews=html.escape(json.dumps(previews)),
        decap=DECAP_FILE,
    )


def write_admin(folder: Path, setting: Setting, backend: dict[str, Any], site_path: str) -> None:
    """The editor as static files, for publishing with the site: Decap then talks to `backend`
    (a git host) itself, and saves what the form holds without Rolebook's checks."""
    from ..output.files import write_atomic

    write_atomic(folder / "index.html", index_html(site_path, setting.languages.default).encode())
    made = config(setting, backend, site_url=site_path)
    write_atomic(folder / "config.yml", dump_yaml(made).encode())
    for name in STATIC:
        write_atomic(folder / name, _static(name))
