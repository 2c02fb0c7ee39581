"""Editor completion offers what people write (`unknown`, `none`, a contact mapping), never
`null` (issue 13, point 3).

The schema is asserted directly, and completion is asked of the real YAML language server
(the one VS Code, Neovim and JetBrains editors run) over its stdio protocol. .ci/run
installs the server from npm; on CI a missing server fails the test, elsewhere it is
skipped with the command that installs it.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ropa.schema import register_file_schema
from tests.conftest import REPO

SCHEMA = REPO / "schemas" / "ropa.schema.json"


def properties() -> list[tuple[str, str, dict[str, Any]]]:
    schema = register_file_schema()
    return [
        (model, key, prop)
        for model, definition in [("RegisterFile", schema), *schema["$defs"].items()]
        for key, prop in definition.get("properties", {}).items()
    ]


def test_no_key_defaults_to_null() -> None:
    text = SCHEMA.read_text(encoding="utf-8")
    assert '"default": null' not in text
    assert not [(model, key) for model, key, prop in properties() if prop.get("default", 0) is None]


def test_keys_that_take_markers_offer_them() -> None:
    by_key = {(model, key): prop for model, key, prop in properties()}
    assert by_key[("Activity", "transfers")]["examples"] == ["none", "unknown"]
    assert "unknown" in by_key[("Organisation", "employees")]["examples"]
    assert by_key[("Organisation", "contact")]["defaultSnippets"][0] == {
        "label": "{email: privatums@piemers.lv}",
        "body": {"email": "privatums@piemers.lv"},
    }
    offering = [key for _model, key, prop in properties() if "examples" in prop]
    assert len(offering) > 40


def test_every_example_and_snippet_is_valid_where_it_is_offered() -> None:
    definitions = register_file_schema()["$defs"]
    for model, key, prop in properties():
        validator = Draft202012Validator({**prop, "$defs": definitions})
        offered = [*prop.get("examples", []), *(s["body"] for s in prop.get("defaultSnippets", []))]
        for value in offered:
            errors = [error.message for error in validator.iter_errors(value)]
            assert errors == [], (model, key, value)


# --------------------------------------------------------------------------- the real server


def language_server() -> str:
    found = os.environ.get("YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("yaml-language-server is not installed (.ci/run installs it from npm)")
    pytest.skip("yaml-language-server not installed: npm install -g yaml-language-server")


class LanguageServer:
    """A minimal Language Server Protocol client over the server's standard streams."""

    def __init__(self, command: str) -> None:
        self.process = subprocess.Popen(
            [command, "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        stream = self.process.stdout
        while True:
            headers: dict[str, str] = {}
            while (line := stream.readline().decode("ascii").strip()) != "":
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            if "content-length" not in headers:
                return
            length = int(headers["content-length"])
            body = stream.read(length)
            if len(body) < length:
                # The server was stopped (close() kills it) in the middle of a message: the
                # stream ended, and so does reading. Every answer the test waits for came
                # whole before that.
                return
            self.messages.put(json.loads(body))

    def _send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.messages.get(timeout=60)
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")
            if "method" in message and "id" in message:  # the server asks: settings
                items = message.get("params", {}).get("items", [])
                answer = [{"completion": True, "schemaStore": {"enable": False}} for _ in items]
                self._send({"id": message["id"], "result": answer or None})

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)  # it reads to the end of the closed stream
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="module")
def server() -> Any:
    client = LanguageServer(language_server())
    client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": None,
            "capabilities": {
                "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}}
            },
        },
    )
    client.notify("initialized", {})
    yield client
    client.close()


def completions(server: LanguageServer, lines: list[str], tmp_path: Path) -> list[tuple[str, str]]:
    """(label, inserted text) of what the server offers at the end of the last line."""
    text = "\n".join([f"# yaml-language-server: $schema={SCHEMA.as_uri()}", *lines]) + "\n"
    uri = (tmp_path / f"register-{len(lines)}-{len(lines[-1])}.yaml").as_uri()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    result = server.request(
        "textDocument/completion",
        {
            "textDocument": {"uri": uri},
            "position": {"line": len(lines), "character": len(lines[-1])},
        },
    )
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return [
        (item["label"], item.get("insertText") or item.get("textEdit", {}).get("newText", ""))
        for item in result["items"]
    ]


ORGANISATION = ["ropa: 1", "organisation:", "  name: X"]


def test_completing_a_key_inserts_no_null(server: LanguageServer, tmp_path: Path) -> None:
    offered = completions(server, [*ORGANISATION, "  con"], tmp_path)
    labels = [label for label, _text in offered]
    assert {"contact", "country", "dpo", "employees"} <= set(labels)
    assert ("contact", "contact: ") in offered
    assert [text for _label, text in offered if "null" in text] == []


def test_completing_a_value_offers_what_people_write(
    server: LanguageServer, tmp_path: Path
) -> None:
    contact = completions(server, [*ORGANISATION, "  contact: "], tmp_path)
    labels = [label for label, _text in contact]
    assert "unknown" in labels
    assert "{email: privatums@piemers.lv}" in labels
    assert "Default value" not in labels
    activity = ["ropa: 1", "activities:", "  - id: orders", "    transfers: "]
    transfers = [label for label, _text in completions(server, activity, tmp_path)]
    assert {"none", "unknown"} <= set(transfers)
