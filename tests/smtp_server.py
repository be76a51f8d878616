"""A real SMTP server for the tests and the fault script (aiosmtpd), which can refuse, stall or stop.

In a test: ``with MailServer() as server: ...; server.messages``. As a process of its own (the fault script):
``python tests/smtp_server.py PORT FILE`` appends the Message-ID of every mail it accepts to FILE.
"""

import asyncio
import email
import email.policy
import re
import sys
import threading
from pathlib import Path

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from serving import free_port  # noqa: E402


class Handler:
    def __init__(self, on_accept=None):
        self.messages = []
        self.mode = "accept"  # or "refuse" (451), "stall" (no answer for a while)
        self.stall_seconds = 5
        self.refused_recipients = set()
        self.on_accept = on_accept
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused_recipients:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse":
            return "451 4.3.0 Try again later"
        if self.mode == "stall":
            await asyncio.sleep(self.stall_seconds)
            return "451 4.3.0 Too slow"
        if self.on_accept:
            self.on_accept(envelope)
            return "250 Message accepted"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"


class MailServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.handler = Handler()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)


def main(port, path):
    out = open(path, "a", buffering=1)  # noqa: SIM115

    def record(envelope):
        # Only the Message-ID and the recipient, without parsing the whole message: a quick server for the bench.
        found = MESSAGE_ID.search(envelope.original_content or envelope.content)
        message_id = found.group(1).decode() if found else "-"
        out.write(f"{message_id} {' '.join(envelope.rcpt_tos)}\n")

    server = MailServer(int(port))
    server.handler.on_accept = record
    server.start()
    threading.Event().wait()


if __name__ == "__main__":
    main(*sys.argv[1:])
