extension NetworkScripts {
    /// A Bluesky PDS as the atproto lexicons and docs.bsky.app describe it: `com.atproto.server.createSession`
    /// (identifier + app password → accessJwt, refreshJwt, did, handle; 401 AuthenticationRequired when wrong;
    /// limited to 30 per 5 minutes, 429 beyond), `com.atproto.server.refreshSession` (Bearer refreshJwt; rotates
    /// both tokens, the old refresh token is spent), access tokens that expire (400 ExpiredToken), unknown tokens
    /// (401 InvalidToken), `app.bsky.feed.searchPosts` (q, sort=latest, since inclusive on sortAt, limit capped at
    /// the page size, an opaque `cursor`; 403 without a session, as the public AppView answers), and
    /// `app.bsky.notification.listNotifications` (newest first, `cursor`, `reasons`); `RateLimit-Limit`,
    /// `-Remaining`, `-Reset` (epoch seconds) on every answer.
    /// Arguments: identifier, app password, page size, access lifetime in seconds.
    /// Control: {"add": N} posts N matching posts; {"notify": N, "reason": R}; {"expire": "access"} expires
    /// every access token issued; {"revoke": "refresh"} spends every refresh token; {"budget": N} sets the
    /// window's remaining calls (429 RateLimitExceeded once spent).
    static let bluesky = #"""
        IDENT, PASSWORD, PAGE, LIFETIME = ARGS[0], ARGS[1], int(ARGS[2]), int(ARGS[3])
        S = {'posts': [], 'notifications': [], 'access': {}, 'refresh': set(), 'creates': [], 'n': 0, 'clock': time.time() - 7200,
             'remaining': 3000, 'reset': int(time.time()) + 300}

        def b64(obj):
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip('=')

        def jwt(kind):
            S['n'] += 1
            now = int(time.time())
            return '%s.%s.sig%d' % (b64({'alg': 'ES256K', 'typ': 'JWT'}),
                                    b64({'scope': kind, 'sub': 'did:plc:casaalba', 'iat': now, 'exp': now + (LIFETIME if kind == 'com.atproto.appPass' else 90 * 86400), 'jti': S['n']}), S['n'])

        def new_post(text, reply_to=None):
            S['clock'] += 7
            n = len(S['posts']) + 1
            rkey = '3k%08d' % n
            handle = 'cliente%d.bsky.social' % (n % 4)
            record = {'$type': 'app.bsky.feed.post', 'text': text % n, 'createdAt': iso(S['clock'])}
            uri = 'at://did:plc:c%d/app.bsky.feed.post/%s' % (n % 4, rkey)
            post = {'uri': uri, 'cid': 'bafyrei%020d' % n, 'indexedAt': iso(S['clock'] + 1), 'record': record,
                    'author': {'did': 'did:plc:c%d' % (n % 4), 'handle': handle, 'displayName': 'Cliente %d' % (n % 4),
                               'followersCount': 50 + n}, 'replyCount': 0, 'likeCount': 0}
            if reply_to:
                record['reply'] = {'root': {'uri': reply_to['uri'], 'cid': reply_to['cid']},
                                   'parent': {'uri': reply_to['uri'], 'cid': reply_to['cid']}}
            S['posts'].append(post)
            return post

        def limits():
            return {'RateLimit-Limit': '3000', 'RateLimit-Remaining': str(max(S['remaining'], 0)), 'RateLimit-Reset': str(S['reset']),
                    'RateLimit-Policy': '3000;w=300'}

        class Handler(Base):
            def apply(self, command):
                if 'add' in command:
                    for _ in range(command['add']):
                        new_post('Casa Alba: mi pedido %d llegó roto')
                if 'notify' in command:
                    for _ in range(command['notify']):
                        root = S['posts'][0] if S['posts'] else None
                        post = new_post('@casaalba.bsky.social respuesta %d: ¿y mi reembolso?', reply_to=root)
                        post['search_hidden'] = True
                        S['notifications'].append(dict(post, reason=command.get('reason', 'reply'), isRead=False))
                if command.get('expire') == 'access':
                    for token in S['access']:
                        S['access'][token] = 0
                if command.get('revoke') == 'refresh':
                    S['refresh'] = set()
                if 'budget' in command:
                    S['remaining'] = command['budget']

            def session(self):
                access, refresh = jwt('com.atproto.appPass'), jwt('com.atproto.refresh')
                S['access'][access] = time.time() + LIFETIME
                S['refresh'].add(refresh)
                return {'accessJwt': access, 'refreshJwt': refresh, 'handle': IDENT, 'did': 'did:plc:casaalba', 'active': True}

            def xrpc_error(self, status, name, message):
                self.answer(status, {'error': name, 'message': message}, limits())
                return status

            def authorized(self):
                if S['remaining'] <= 0:
                    return self.xrpc_error(429, 'RateLimitExceeded', 'Rate Limit Exceeded')
                S['remaining'] -= 1
                auth = self.headers.get('Authorization') or ''
                if not auth.startswith('Bearer '):
                    return self.xrpc_error(403, 'AuthenticationRequired', 'Authentication required')
                token = auth[7:]
                if token not in S['access']:
                    return self.xrpc_error(401, 'InvalidToken', 'Bad token')
                if S['access'][token] < time.time():
                    return self.xrpc_error(400, 'ExpiredToken', 'Token has expired')
                return None

            def page(self, items, query, key):
                limit = min(int(query.get('limit', ['25'])[0]), PAGE)
                start = int(query.get('cursor', ['0'])[0])
                chosen = items[start:start + limit]
                payload = {key: chosen}
                if start + limit < len(items):
                    payload['cursor'] = str(start + limit)
                self.answer(200, payload, limits())
                return 200

            def route(self):
                path, query = self.parsed()
                if path == '/xrpc/com.atproto.server.createSession' and self.command == 'POST':
                    body = self.body_json()
                    S['creates'] = [t for t in S['creates'] if t > time.time() - 300]
                    if len(S['creates']) >= 30:
                        return self.xrpc_error(429, 'RateLimitExceeded', 'Rate Limit Exceeded')
                    S['creates'].append(time.time())
                    if body.get('identifier') != IDENT or body.get('password') != PASSWORD:
                        return self.xrpc_error(401, 'AuthenticationRequired', 'Invalid identifier or password')
                    self.answer(200, self.session(), limits())
                    return 200
                if path == '/xrpc/com.atproto.server.refreshSession' and self.command == 'POST':
                    token = (self.headers.get('Authorization') or '')[7:]
                    if token not in S['refresh']:
                        return self.xrpc_error(400, 'ExpiredToken', 'Token has been revoked')
                    S['refresh'].discard(token)
                    self.answer(200, self.session(), limits())
                    return 200
                if path == '/xrpc/app.bsky.feed.searchPosts':
                    refused = self.authorized()
                    if refused:
                        return refused
                    if query.get('sort', ['top'])[0] != 'latest':
                        return self.xrpc_error(400, 'InvalidRequest', 'this server only tests sort=latest')
                    words = query.get('q', [''])[0].lower()
                    since = query.get('since', [None])[0]
                    def sort_at(p):
                        return min(p['indexedAt'], p['record']['createdAt'])
                    items = [p for p in S['posts'] if not p.get('search_hidden') and words in p['record']['text'].lower()]
                    if since:
                        items = [p for p in items if sort_at(p)[:19] >= since[:19]]
                    items.sort(key=sort_at, reverse=True)
                    return self.page(items, query, 'posts')
                if path == '/xrpc/app.bsky.notification.listNotifications':
                    refused = self.authorized()
                    if refused:
                        return refused
                    reasons = query.get('reasons', [])
                    items = [n for n in S['notifications'] if not reasons or n['reason'] in reasons]
                    items = sorted(items, key=lambda n: n['indexedAt'], reverse=True)
                    return self.page([{k: v for k, v in n.items() if k != 'search_hidden'} for n in items], query, 'notifications')
                return self.xrpc_error(404, 'MethodNotImplemented', 'Method Not Implemented')

        run(Handler)
        """#
}
