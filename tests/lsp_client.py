"""A minimal Language Server Protocol client: VS Code's YAML engine (yaml-language-server)
driven over stdio, to ask it what it reports on a file, the way the editor would."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "tools" / "node" / "node_modules" / ".bin" / "yaml-language-server"

# What a VS Code user with the YAML extension has, minus the network: no schema store
# download, validation on, YAML 1.2 (the extension's default).
SETTINGS: dict[str, Any] = {
    "yaml": {
        "validate": True,
        "schemaStore": {"enable": False},
        "schemas": {},
        "format": {"enable": False},
        "hover": False,
        "completion": False,
        "yamlVersion": "1.2",
    },
}


def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    length = 0
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    body = stream.read(length)
    return json.loads(body.decode("utf-8")) if body else None


class YamlLanguageServer:
    """One running server; :meth:`diagnostics` opens a file and returns what the editor shows."""

    def __init__(self, root: Path, settings: dict[str, Any] | None = None) -> None:
        self.settings = settings or SETTINGS
        self.process = subprocess.Popen(
            [str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._diagnostics: dict[str, queue.Queue[list[dict[str, Any]]]] = {}
        self._lock = threading.Lock()
        self._version = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.request("initialize", {
            "processId": None, "rootUri": root.resolve().as_uri(),
            "workspaceFolders": [{"uri": root.resolve().as_uri(), "name": root.name}],
            "capabilities": {
                "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
                "textDocument": {"publishDiagnostics": {"relatedInformation": False}},
            },
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    # -- the wire -------------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        with self._lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while (message := _read_message(self.process.stdout)) is not None:
            if "id" in message and "method" in message:  # a request from the server
                self._answer(message)
            elif "id" in message:
                self._responses.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self._queue(params["uri"]).put(params["diagnostics"])

    def _answer(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), self.settings.get("yaml"))
                      if item.get("section") else self.settings
                      for item in message["params"]["items"]]
        self._send({"id": message["id"], "result": result})

    def _queue(self, uri: str) -> queue.Queue[list[dict[str, Any]]]:
        with self._lock:
            return self._diagnostics.setdefault(uri, queue.Queue())

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self._next_id += 1
        number = self._next_id
        waiting = self._responses.setdefault(number, queue.Queue())
        self._send({"id": number, "method": method, "params": params})
        response = waiting.get(timeout=timeout)
        if "error" in response:
            raise RuntimeError(response["error"])
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    # -- what a test asks -----------------------------------------------------------------------

    def diagnostics(self, path: Path, text: str | None = None, timeout: float = 60) -> list[dict[str, Any]]:
        """Open ``path`` (with ``text`` instead of its content, if given), wait for the
        server's diagnostics, close it again."""
        uri = path.resolve().as_uri()
        if text is None:
            text = path.read_text(encoding="utf-8")
        waiting = self._queue(uri)
        while not waiting.empty():
            waiting.get_nowait()
        self._version += 1
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": self._version, "text": text}})
        try:
            return waiting.get(timeout=timeout)
        finally:
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=20)
            self.notify("exit", None)
            self.process.wait(timeout=20)
        except Exception:
            self.process.kill()
            self.process.wait()
