extension NetworkScripts {
    /// A Bluesky PDS as the atproto lexicons and docs.bsky.app describe it: `com.atproto.server.createSession`
    /// (identifier + app password → accessJwt, refreshJwt, did, handle; 401 AuthenticationRequired when wrong;
    /// limited to 30 per 5 minutes, 429 beyond), `com.atproto.server.refreshSession` (Bearer refreshJwt; rotates
    /// both tokens, the old refresh token is spent), access tokens that expire (400 ExpiredToken), unknown tokens
    /// (401 InvalidToken), `app.bsky.feed.searchPosts` (q, sort=latest, since inclusive on sortAt, limit capped at
    /// the page size, an opaque `cursor`; 403 without a session, as the public AppView answers), and
    /// `app.bsky.notification.listNotifications` (newest first, `cursor`, `reasons`); `RateLimit-Limit`,
    /// `-Remaining`, `-Reset` (epoch seconds) on every answer.
    /// Writing, for replies: `com.atproto.repo.createRecord` (repo = the session's DID or handle, collection
    /// app.bsky.feed.post, a record whose text is at most 300 graphemes and whose `reply.root` and `reply.parent`
    /// name an existing post by URI and the CID it has, else 400 InvalidRequest), `com.atproto.repo.listRecords`
    /// (the account's records, newest first, `cursor`), `com.atproto.identity.resolveHandle`, and the chat service
    /// behind the PDS (`atproto-proxy: did:web:api.bsky.chat#bsky_chat` required, else 501 as a PDS answers an
    /// unknown method): `chat.bsky.convo.getConvoForMembers` (400 InvalidRequest for a member who accepts no
    /// messages), `chat.bsky.convo.sendMessage`, `chat.bsky.convo.getMessages` (newest first). Every record and
    /// message received is appended to `posts.jsonl` in the server's folder.
    /// Arguments: identifier, app password, page size, access lifetime in seconds.
    /// Control: {"add": N} posts N matching posts; {"notify": N, "reason": R}; {"expire": "access"} expires
    /// every access token issued; {"revoke": "refresh"} spends every refresh token; {"budget": N} sets the
    /// window's remaining calls (429 RateLimitExceeded once spent); {"closed": DID} that member accepts no chat
    /// messages; {"edit": N} gives post N (1-based) a new CID, as an edited record would have; {"slow_post": S}
    /// makes the next record or message and answers it S seconds later; {"no_chat": true} the app password was made
    /// without access to direct messages (every chat call: 400 InvalidToken "Bad token scope").
    static let bluesky = #"""
        IDENT, PASSWORD, PAGE, LIFETIME = ARGS[0], ARGS[1], int(ARGS[2]), int(ARGS[3])
        S = {'posts': [], 'notifications': [], 'access': {}, 'refresh': set(), 'creates': [], 'n': 0, 'clock': time.time() - 7200,
             'remaining': 3000, 'reset': int(time.time()) + 300, 'own': [], 'closed': set(), 'convos': {}, 'messages': [], 'slow_post': 0}
        SELF = 'did:plc:casaalba'

        def graphemes(text):
            # Close enough for a test server: combining marks and joiners do not start a new grapheme.
            import unicodedata
            return sum(1 for i, c in enumerate(text) if not unicodedata.combining(c) and c not in '\u200d\ufe0f'
                       and not (i > 0 and text[i - 1] == '\u200d'))

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
                if 'closed' in command:
                    S['closed'].add(command['closed'])
                if 'slow_post' in command:
                    S['slow_post'] = command['slow_post']
                if 'no_chat' in command:
                    S['no_chat'] = command['no_chat']
                if 'edit' in command:
                    S['posts'][command['edit'] - 1]['cid'] = 'bafyreiedited%013d' % command['edit']

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
                if path.startswith('/xrpc/chat.bsky.'):
                    return self.chat(path, query)
                if path == '/xrpc/com.atproto.repo.createRecord' and self.command == 'POST':
                    refused = self.authorized()
                    return refused or self.create_record(self.body_json())
                if path == '/xrpc/com.atproto.repo.listRecords':
                    refused = self.authorized()
                    if refused:
                        return refused
                    if query.get('repo', [''])[0] not in (SELF, IDENT):
                        return self.xrpc_error(400, 'InvalidRequest', 'Could not find repo')
                    records = [r for r in reversed(S['own']) if r['uri'].split('/')[3] == query.get('collection', [''])[0]]
                    return self.page(records, query, 'records')
                if path == '/xrpc/com.atproto.identity.resolveHandle':
                    handle = query.get('handle', [''])[0]
                    for p in S['posts']:
                        if p['author']['handle'] == handle:
                            self.answer(200, {'did': p['author']['did']}, limits())
                            return 200
                    return self.xrpc_error(400, 'InvalidRequest', 'Unable to resolve handle')
                return self.xrpc_error(404, 'MethodNotImplemented', 'Method Not Implemented')

            def made(self, payload):
                # A write is answered at once, or (after {"slow_post": S}) S seconds late: killable in between.
                if S['slow_post']:
                    self.late, S['slow_post'] = (S['slow_post'], payload, limits()), 0
                else:
                    self.answer(200, payload, limits())
                return 200

            def strong_ref(self, ref):
                return isinstance(ref, dict) and any(p['uri'] == ref.get('uri') and p['cid'] == ref.get('cid')
                                                     for p in S['posts'] + [o['view'] for o in S['own']])

            def create_record(self, body):
                if body.get('repo') not in (SELF, IDENT):
                    return self.xrpc_error(400, 'InvalidRequest', 'repo must be the authenticated account')
                record = body.get('record') or {}
                if body.get('collection') != 'app.bsky.feed.post' or record.get('$type') != 'app.bsky.feed.post':
                    return self.xrpc_error(400, 'InvalidRequest', 'this server only takes app.bsky.feed.post records')
                text = record.get('text')
                if not isinstance(text, str) or graphemes(text) > 300 or len(text.encode()) > 3000:
                    return self.xrpc_error(400, 'InvalidRecord', 'Invalid app.bsky.feed.post record: text must not be longer than 300 graphemes')
                if not isinstance(record.get('createdAt'), str):
                    return self.xrpc_error(400, 'InvalidRecord', 'Invalid app.bsky.feed.post record: createdAt required')
                reply = record.get('reply')
                if reply is not None and not (self.strong_ref(reply.get('root')) and self.strong_ref(reply.get('parent'))):
                    return self.xrpc_error(400, 'InvalidRequest', 'reply root and parent must name existing posts by URI and current CID')
                n = len(S['own']) + 1
                uri = 'at://%s/app.bsky.feed.post/3lreply%06d' % (SELF, n)
                cid = 'bafyreireply%014d' % n
                view = {'uri': uri, 'cid': cid}
                S['own'].append({'uri': uri, 'cid': cid, 'value': record, 'view': view})
                record_post({'kind': 'post', 'uri': uri, 'record': record})
                return self.made({'uri': uri, 'cid': cid, 'commit': {'cid': 'bafycommit%d' % n, 'rev': '3lrev%d' % n},
                                  'validationStatus': 'valid'})

            def chat(self, path, query):
                if self.headers.get('atproto-proxy') != 'did:web:api.bsky.chat#bsky_chat':
                    return self.xrpc_error(501, 'MethodNotImplemented', 'Method Not Implemented')
                refused = self.authorized()
                if refused:
                    return refused
                if S.get('no_chat'):
                    return self.xrpc_error(400, 'InvalidToken', 'Bad token scope')
                if path == '/xrpc/chat.bsky.convo.getConvoForMembers':
                    members = query.get('members', [])
                    if not members or any(not m.startswith('did:') for m in members):
                        return self.xrpc_error(400, 'InvalidRequest', 'members must be DIDs')
                    if any(m in S['closed'] for m in members):
                        return self.xrpc_error(400, 'InvalidRequest', 'recipient has disabled incoming messages')
                    key = ','.join(sorted(members + [SELF]))
                    convo = S['convos'].setdefault(key, {'id': 'convo%d' % (len(S['convos']) + 1), 'rev': '1',
                                                          'members': [{'did': d} for d in sorted(members + [SELF])],
                                                          'muted': False, 'unreadCount': 0})
                    self.answer(200, {'convo': convo}, limits())
                    return 200
                if path == '/xrpc/chat.bsky.convo.sendMessage' and self.command == 'POST':
                    body = self.body_json()
                    convo = next((c for c in S['convos'].values() if c['id'] == body.get('convoId')), None)
                    if convo is None:
                        return self.xrpc_error(400, 'InvalidRequest', 'Convo not found')
                    if any(m['did'] in S['closed'] for m in convo['members']):
                        return self.xrpc_error(400, 'InvalidRequest', 'recipient has disabled incoming messages')
                    text = (body.get('message') or {}).get('text')
                    if not isinstance(text, str) or graphemes(text) > 1000:
                        return self.xrpc_error(400, 'InvalidRequest', 'message text must be at most 1000 graphemes')
                    message = {'id': 'msg%d' % (len(S['messages']) + 1), 'rev': str(len(S['messages']) + 2), 'text': text,
                               'sender': {'did': SELF}, 'sentAt': iso(time.time()), 'convoId': convo['id']}
                    S['messages'].append(message)
                    record_post({'kind': 'message', 'convo': convo['id'], 'members': [m['did'] for m in convo['members']], 'text': text})
                    return self.made({k: v for k, v in message.items() if k != 'convoId'})
                if path == '/xrpc/chat.bsky.convo.getMessages':
                    convo = query.get('convoId', [''])[0]
                    items = [{k: v for k, v in m.items() if k != 'convoId'} for m in reversed(S['messages']) if m['convoId'] == convo]
                    return self.page(items, query, 'messages')
                return self.xrpc_error(404, 'MethodNotImplemented', 'Method Not Implemented')

        run(Handler)
        """#
}
