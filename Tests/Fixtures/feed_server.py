#!/usr/bin/env python3
"""Vigía's loopback feed server for the tests (standard library only, 127.0.0.1 only).

Serves the feed documents of Tests/Fixtures/feeds/ the way a feed host does, plus the faults a poller must
survive. Prints "LISTENING http://127.0.0.1:PORT" once bound; stops on SIGTERM.

  GET /feed/<i>                    the i-th document (cycling over rss/ and atom/), with ETag and
                                   Last-Modified; If-None-Match / If-Modified-Since answered with 304
  GET /file/<relpath>              one document under the fixtures folder
  GET /stats                       {"connections": accepted sockets, "requests": requests read}
  GET /fault/500 | /fault/503 | /fault/404
  GET /fault/429?retry_after=S     429 with Retry-After: S
  GET /fault/slow?chunk=B&interval_ms=T   a document sent B bytes every T ms (chunked)
  GET /fault/truncated             Content-Length of a whole document, half of it sent, then close
  GET /fault/redirect-loop         302 to itself with hop=n+1, forever
  GET /fault/huge?mb=M             a valid RSS 2.0 body of about M MiB (chunked)
  GET /fault/gzip-bomb?mb=M        Content-Encoding: gzip that inflates to M MiB of spaces
  GET /fault/reset                 the connection closed before any response
  GET /fault/hang?s=S              nothing for S seconds (at most --hang-max), then close
  GET /fault/not-a-feed            an HTML page
"""
import argparse, email.utils, hashlib, json, os, signal, socket, socketserver, sys, threading, time
import urllib.parse, zlib

TYPES = {'rss': 'application/rss+xml', 'atom': 'application/atom+xml', 'rdf': 'application/rdf+xml'}
REASONS = {200: 'OK', 302: 'Found', 304: 'Not Modified', 404: 'Not Found', 429: 'Too Many Requests',
           500: 'Internal Server Error', 503: 'Service Unavailable'}
MODIFIED = 1_700_000_000  # one fixed Last-Modified: the documents never change while a test runs


class Closed(Exception):
    """The handler ends the connection on purpose (reset, hang, truncated)."""


class Documents:
    def __init__(self, root, formats):
        self.root = root
        self.feeds = sorted(f'{kind}/{name}' for kind in formats
                            for name in os.listdir(os.path.join(root, kind)) if not name.startswith('.'))
        if not self.feeds:
            sys.exit(f'no documents under {root} for {formats}')

    def read(self, rel):
        path = os.path.realpath(os.path.join(self.root, rel))
        if not path.startswith(os.path.realpath(self.root) + os.sep) or not os.path.isfile(path):
            return None
        with open(path, 'rb') as handle:
            return handle.read()

    @staticmethod
    def content_type(rel):
        return TYPES.get(rel.split('/', 1)[0], 'application/octet-stream')


class Handler(socketserver.StreamRequestHandler):
    def setup(self):
        super().setup()
        with self.server.lock:
            self.server.stats['connections'] += 1

    def handle(self):
        try:
            while self.one_request():
                pass
        except (Closed, ConnectionError, socket.timeout, ValueError):
            pass

    def one_request(self):
        line = self.rfile.readline(8192)
        if not line:
            return False
        method, target, version = line.decode('latin-1').split()
        headers = {}
        while True:
            header = self.rfile.readline(8192)
            if header in (b'\r\n', b'\n', b''):
                break
            name, _, value = header.decode('latin-1').partition(':')
            headers[name.strip().lower()] = value.strip()
        if 'content-length' in headers:
            self.rfile.read(int(headers['content-length']))
        with self.server.lock:
            self.server.stats['requests'] += 1
        self.route(target, headers)
        return headers.get('connection', '').lower() != 'close' and version != 'HTTP/1.0'

    def send(self, status, headers, body=b''):
        lines = [f'HTTP/1.1 {status} {REASONS.get(status, "Status")}', 'Date: ' + email.utils.formatdate(usegmt=True)]
        lines += [f'{name}: {value}' for name, value in headers]
        if not any(name.lower() in ('content-length', 'transfer-encoding') for name, _ in headers):
            lines.append(f'Content-Length: {len(body)}')
        self.wfile.write(('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1') + (body if status != 304 else b''))
        self.wfile.flush()

    def send_chunks(self, headers, chunks):
        self.send(200, list(headers) + [('Transfer-Encoding', 'chunked')])
        for chunk in chunks:
            if chunk:
                self.wfile.write(b'%x\r\n%s\r\n' % (len(chunk), chunk))
                self.wfile.flush()
        self.wfile.write(b'0\r\n\r\n')
        self.wfile.flush()

    def route(self, target, headers):
        parts = urllib.parse.urlsplit(target)
        query = {key: values[0] for key, values in urllib.parse.parse_qs(parts.query).items()}
        path = urllib.parse.unquote(parts.path)
        documents = self.server.documents
        if path.startswith('/feed/') and path[6:].isdigit():
            self.serve(documents.feeds[int(path[6:]) % len(documents.feeds)], headers)
        elif path.startswith('/file/'):
            self.serve(path[6:], headers)
        elif path == '/feeds.txt':
            base = f'http://127.0.0.1:{self.server.server_address[1]}'
            self.send(200, [('Content-Type', 'text/plain')],
                      ''.join(f'{base}/feed/{i}\n' for i in range(self.server.count)).encode())
        elif path == '/stats':
            with self.server.lock:
                body = json.dumps(self.server.stats).encode()
            self.send(200, [('Content-Type', 'application/json')], body)
        elif path.startswith('/fault/'):
            self.fault(path[7:], query)
        else:
            self.send(404, [('Content-Type', 'text/plain')], b'not found\n')

    def serve(self, rel, headers):
        data = self.server.documents.read(rel)
        if data is None:
            return self.send(404, [('Content-Type', 'text/plain')], b'no such document\n')
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        validators = [('ETag', etag), ('Last-Modified', email.utils.formatdate(MODIFIED, usegmt=True))]
        if self.fresh(etag, headers):
            return self.send(304, validators + [('Content-Length', '0')])
        self.send(200, validators + [('Content-Type', Documents.content_type(rel))], data)

    @staticmethod
    def fresh(etag, headers):
        # RFC 9110 13.1.3: If-Modified-Since is ignored when If-None-Match is present.
        if 'if-none-match' in headers:
            tags = [tag.strip() for tag in headers['if-none-match'].split(',')]
            return etag in tags or '*' in tags
        if 'if-modified-since' in headers:
            try:
                return email.utils.parsedate_to_datetime(headers['if-modified-since']).timestamp() >= MODIFIED
            except (TypeError, ValueError):
                return False
        return False

    def fault(self, name, query):
        first = self.server.documents.feeds[0]
        if name in ('500', '503', '404'):
            self.send(int(name), [('Content-Type', 'text/html')], b'<html><body>fault</body></html>')
        elif name == '429':
            self.send(429, [('Content-Type', 'text/plain'), ('Retry-After', query.get('retry_after', '2'))],
                      b'slow down\n')
        elif name == 'slow':
            data = self.server.documents.read(query.get('file', first)) or b''
            size, pause = int(query.get('chunk', '64')), float(query.get('interval_ms', '500')) / 1000
            deadline = time.monotonic() + 30

            def drip():
                for offset in range(0, len(data), size):
                    if time.monotonic() > deadline:
                        return
                    yield data[offset:offset + size]
                    time.sleep(pause)
            self.send_chunks([('Content-Type', Documents.content_type(first))], drip())
        elif name == 'truncated':
            data = self.server.documents.read(query.get('file', first)) or b''
            self.wfile.write(f'HTTP/1.1 200 OK\r\nContent-Type: {Documents.content_type(first)}\r\n'
                             f'Content-Length: {len(data)}\r\n\r\n'.encode() + data[:len(data) // 2])
            self.wfile.flush()
            raise Closed
        elif name == 'redirect-loop':
            hop = int(query.get('hop', '0')) + 1
            self.send(302, [('Location', f'/fault/redirect-loop?hop={hop}'), ('Content-Type', 'text/plain')], b'loop\n')
        elif name == 'huge':
            self.send_chunks([('Content-Type', TYPES['rss'])], huge_rss(int(float(query.get('mb', '8')) * (1 << 20))))
        elif name == 'gzip-bomb':
            self.send(200, [('Content-Type', TYPES['rss']), ('Content-Encoding', 'gzip')],
                      self.server.bomb(min(int(query.get('mb', '64')), 4096)))
        elif name == 'reset':
            raise Closed
        elif name == 'hang':
            time.sleep(min(float(query.get('s', '5')), self.server.hang_max))
            raise Closed
        elif name == 'not-a-feed':
            self.send(200, [('Content-Type', 'text/html; charset=utf-8')],
                      b'<!DOCTYPE html><html><head><title>Moved</title></head><body>not a feed</body></html>')
        else:
            self.send(404, [('Content-Type', 'text/plain')], b'unknown fault\n')


def huge_rss(target):
    yield b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>huge</title>\n'
    sent, index = 0, 0
    while sent < target:
        batch = b''.join(b'<item><title>item %d</title><guid isPermaLink="false">huge-%d</guid>'
                         b'<description>a generated item of a very large feed</description></item>\n'
                         % (index + k, index + k) for k in range(256))
        index += 256
        sent += len(batch)
        yield batch
    yield b'</channel></rss>\n'


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, args):
        super().__init__(('127.0.0.1', args.port), Handler)
        self.documents = Documents(args.root, args.formats.split(','))
        self.count, self.hang_max = args.count, args.hang_max
        self.stats = {'connections': 0, 'requests': 0}
        self.lock = threading.Lock()
        self.bombs = {}

    def bomb(self, megabytes):
        with self.lock:
            if megabytes not in self.bombs:
                compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip container
                block = b' ' * (1 << 20)
                self.bombs[megabytes] = b''.join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()
            return self.bombs[megabytes]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--root', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'feeds'))
    parser.add_argument('--formats', default='rss,atom', help='folders of --root that /feed/<i> cycles over')
    parser.add_argument('--count', type=int, default=100, help='number of /feed/<i> URLs listed in /feeds.txt')
    parser.add_argument('--port', type=int, default=0, help='TCP port on 127.0.0.1 (0: a free one)')
    parser.add_argument('--hang-max', type=float, default=10, help='longest /fault/hang in seconds')
    server = Server(parser.parse_args())
    signal.signal(signal.SIGTERM, lambda *_: (server.server_close(), os._exit(0)))
    print(f'LISTENING http://127.0.0.1:{server.server_address[1]}', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
