/// The Python side of `NetworkServer`: a common prelude (threaded HTTP server on 127.0.0.1, the control file read
/// before each request, the request log, JSON answers) and one handler per network, written from its API docs.
enum NetworkScripts {
    static let common = #"""
        import json, os, re, sys, threading, time, datetime, base64
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
        from urllib.parse import urlparse, parse_qs, urlencode
        FOLDER = sys.argv[1]
        ARGS = sys.argv[2:]
        LOCK = threading.Lock()
        CONTROL = {'offset': 0}
        WORLD = {'fail': 0, 'stall': None}

        def read_control(apply):
            with open(os.path.join(FOLDER, 'control.jsonl'), 'rb') as f:
                f.seek(CONTROL['offset'])
                data = f.read()
            CONTROL['offset'] += len(data)
            for line in data.decode().splitlines():
                if not line.strip():
                    continue
                command = json.loads(line)
                if 'fail' in command:
                    WORLD['fail'] = command['fail']
                elif 'stall' in command:
                    WORLD['stall'] = command
                else:
                    apply(command)

        def record_post(entry):
            # Every post or message a write endpoint made, one JSON line: what tests count.
            with open(os.path.join(FOLDER, 'posts.jsonl'), 'a') as f:
                f.write(json.dumps(entry) + '\n')

        def iso(t):
            return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')

        class Base(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'
            def log_message(self, *args):
                pass
            def parsed(self):
                url = urlparse(self.path)
                return url.path, parse_qs(url.query)
            def body_json(self):
                length = int(self.headers.get('Content-Length') or 0)
                raw = self.rfile.read(length) if length else b''
                ctype = self.headers.get('Content-Type') or ''
                if 'json' in ctype:
                    return json.loads(raw or b'{}')
                return {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            def answer(self, status, payload, headers=None):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json; charset=utf-8')
                self.send_header('Content-Length', str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            def record(self, status, **extra):
                path, query = self.parsed()
                entry = {'method': self.command, 'path': path, 'query': {k: v[0] for k, v in query.items()}, 'status': status}
                entry.update(extra)
                with open(os.path.join(FOLDER, 'requests.jsonl'), 'a') as f:
                    f.write(json.dumps(entry) + '\n')
            def serve(self):
                with LOCK:
                    read_control(self.apply)
                    stall = WORLD['stall']
                    if stall and stall['stall'] in self.path:
                        WORLD['stall'] = None
                    else:
                        stall = None
                    failing = WORLD['fail'] > 0
                    if failing:
                        WORLD['fail'] -= 1
                if stall:
                    self.record(0, stalled=True)
                    time.sleep(stall['seconds'])
                if failing:
                    self.record(503)
                    return self.answer(503, {'error': 'Service Unavailable'})
                self.late = None
                with LOCK:
                    status = self.route()
                self.record(status)
                if self.late:
                    # A write the handler made and answers only after a while (a slow instance): the request can
                    # be killed after the post exists and before its answer arrives.
                    seconds, payload, headers = self.late
                    time.sleep(seconds)
                    self.answer(status, payload, headers)
            do_GET = serve
            do_POST = serve

        def run(handler):
            server = ThreadingHTTPServer(('127.0.0.1', 0), handler)
            print('LISTENING %d' % server.server_address[1], flush=True)
            server.serve_forever()

        """#
}
