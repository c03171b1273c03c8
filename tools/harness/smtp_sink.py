#!/usr/bin/env python3
"""Loopback SMTP sink for the Vigía harness (standard library only; aiosmtpd is not needed).

Accepts every message on 127.0.0.1 and appends one JSON line per message to --out:
{"message_id": ..., "mail_from": ..., "rcpt": [...], "headers": "<raw header block>", "size": N}.
Prints "LISTENING PORT" once bound. Stop it with SIGTERM.
"""
import argparse
import asyncio
import json
import signal


class Session:
    def __init__(self, out_path):
        self.out_path = out_path
        self.reset()

    def reset(self):
        self.mail_from = None
        self.rcpt = []

    def record(self, data: bytes):
        head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
        message_id = None
        for line in head.split("\r\n"):
            if line.lower().startswith("message-id:"):
                message_id = line.split(":", 1)[1].strip()
        entry = {"message_id": message_id, "mail_from": self.mail_from, "rcpt": self.rcpt,
                 "headers": head, "size": len(data)}
        with open(self.out_path, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            out.flush()


async def handle(reader, writer, out_path):
    session = Session(out_path)

    async def reply(text):
        writer.write((text + "\r\n").encode())
        await writer.drain()

    await reply("220 harness-sink ESMTP")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                await reply("250-harness-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 104857600")
            elif verb == "MAIL":
                session.reset()
                session.mail_from = command[10:].strip()
                await reply("250 OK")
            elif verb == "RCPT":
                session.rcpt.append(command[8:].strip())
                await reply("250 OK")
            elif verb == "DATA":
                await reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while True:
                    data_line = await reader.readline()
                    if not data_line or data_line in (b".\r\n", b".\n"):
                        break
                    if data_line.startswith(b".."):
                        data_line = data_line[1:]
                    chunks.append(data_line)
                session.record(b"".join(chunks))
                await reply("250 OK queued")
            elif verb == "RSET":
                session.reset()
                await reply("250 OK")
            elif verb == "NOOP":
                await reply("250 OK")
            elif verb == "QUIT":
                await reply("221 Bye")
                break
            else:
                await reply("502 Command not implemented")
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main_async(args):
    server = await asyncio.start_server(lambda r, w: handle(r, w, args.out), "127.0.0.1", args.port)
    port = server.sockets[0].getsockname()[1]
    print(f"LISTENING {port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True, help="JSON Lines file, one line per message received")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
