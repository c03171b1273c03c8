/// A small threaded HTTP/1.1 server for what fixture_server.py does not do: redirects to arbitrary
/// Locations (file:///etc/passwd), gzip/deflate/br for normal bodies, echoing request headers, and counting
/// the peak number of requests in flight.
let auxServerScript = #"""
    import gzip, http.server, json, socketserver, threading, time, urllib.parse, zlib

    def brotli(data):
        # libbrotlienc comes with libcurl's own dependencies; Python has no brotli module of its own.
        import ctypes
        lib = ctypes.CDLL('libbrotlienc.so.1')
        lib.BrotliEncoderCompress.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_size_t,
                                              ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p]
        size = ctypes.c_size_t(len(data) + 1024)
        out = ctypes.create_string_buffer(size.value)
        if not lib.BrotliEncoderCompress(9, 22, 0, len(data), data, ctypes.byref(size), out):
            raise RuntimeError('brotli failed')
        return out.raw[:size.value]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        lock = threading.Lock()
        inflight = 0
        peak = 0

        def log_message(self, *args):
            pass

        def reply(self, code, body, headers=()):
            self.send_response(code)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get('Content-Length', '0'))
            body = self.rfile.read(length)
            if self.path == '/post':
                echo = {'method': 'POST', 'body': body.decode('utf-8'),
                        'content-type': self.headers.get('Content-Type', '')}
                self.reply(200, json.dumps(echo).encode(), [('Content-Type', 'application/json')])
            elif self.path == '/post-redirect':
                self.reply(307, b'moved\n', [('Location', '/post')])
            else:
                self.reply(404, b'not found\n')

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            accepts = self.headers.get('Accept-Encoding', '')
            text = b''.join(b'line %d of a compressible feed body\n' % i for i in range(2000))
            if url.path == '/redirect':
                self.reply(302, b'moved\n', [('Location', query['to'][0])])
            elif url.path == '/echo':
                body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
                self.reply(200, body, [('Content-Type', 'application/json')])
            elif url.path == '/gzip' and 'gzip' in accepts:
                self.reply(200, gzip.compress(text), [('Content-Encoding', 'gzip')])
            elif url.path == '/deflate' and 'deflate' in accepts:
                self.reply(200, zlib.compress(text), [('Content-Encoding', 'deflate')])
            elif url.path == '/br' and 'br' in accepts:
                self.reply(200, brotli(text), [('Content-Encoding', 'br')])
            elif url.path in ('/gzip', '/deflate', '/br'):
                self.reply(406, b'no encoding offered\n')
            elif url.path == '/dup':
                self.reply(200, b'ok', [('X-Dup', 'first'), ('X-Dup', 'second'), ('ETag', '"abc"')])
            elif url.path == '/sleep':
                with Handler.lock:
                    Handler.inflight += 1
                    Handler.peak = max(Handler.peak, Handler.inflight)
                time.sleep(float(query.get('ms', ['100'])[0]) / 1000)
                with Handler.lock:
                    Handler.inflight -= 1
                self.reply(200, b'slept\n')
            elif url.path == '/peak':
                with Handler.lock:
                    body = str(Handler.peak).encode()
                    Handler.peak = 0
                self.reply(200, body)
            else:
                self.reply(404, b'not found\n')

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        request_queue_size = 256

    server = Server(('127.0.0.1', 0), Handler)
    print('LISTENING http://127.0.0.1:%d' % server.server_address[1], flush=True)
    server.serve_forever()
    """#
