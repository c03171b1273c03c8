#!/usr/bin/env python3
"""Loopback HTTP server for the Vigía harness's security checks (standard library only).

GET /to?url=U      302 redirect to U (e.g. file:///etc/passwd)
GET /echo          200 RSS feed with one item; logs the request's headers to --log (one JSON line per request)
Prints "LISTENING http://127.0.0.1:PORT" once bound. Stop it with SIGTERM.
"""
import argparse
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>echo</title><link>http://127.0.0.1/</link><description>echo</description>
<item><title>Casa Alba echo</title><link>http://127.0.0.1/echo/1</link><guid>echo-1</guid>
<description>Casa Alba: todo bien</description></item></channel></rss>
"""


class Handler(BaseHTTPRequestHandler):
    log_path = None

    def do_GET(self):
        parsed = urlparse(self.path)
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"path": self.path, "headers": dict(self.headers.items())}) + "\n")
        if parsed.path == "/to":
            target = parse_qs(parsed.query).get("url", ["file:///etc/passwd"])[0]
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif parsed.path == "/echo":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    Handler.log_path = args.log
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"LISTENING http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
