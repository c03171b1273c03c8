extension NetworkScripts {
    /// Reddit's OAuth API as github.com/reddit-archive/reddit/wiki/OAuth2 and the API docs describe it:
    /// `POST /api/v1/access_token` with HTTP Basic client id/secret (401 when wrong), `grant_type=password`
    /// (200 `{"error": "invalid_grant"}` for a wrong password) or `client_credentials`, answering
    /// `{"access_token", "token_type": "bearer", "expires_in", "scope"}`; the API on its own host with
    /// `Authorization: bearer …` (401 once expired), a User-Agent required (429 for a missing or generic one);
    /// Listings `{"kind": "Listing", "data": {"children", "after", "before"}}` newest first with `after`/`before`
    /// fullnames and `limit` capped at the page size; `/search?sort=new`, `/r/{sub}/comments`,
    /// `/message/mentions` (a user token only: 403 for an app-only token); `X-Ratelimit-Used/Remaining/Reset`
    /// (reset in seconds) on every answer, 429 once spent.
    /// Arguments: client id, client secret, username, password, page size, token lifetime, budget per window.
    /// Control: {"post": N} posts matching the search; {"comment": N, "sub": S, "brand": true|false};
    /// {"mention": N}; {"expire": "token"}; {"budget": N}.
    static let reddit = #"""
        CID, CSECRET, USER, PASSWORD, PAGE, LIFETIME, BUDGET = ARGS[0], ARGS[1], ARGS[2], ARGS[3], int(ARGS[4]), int(ARGS[5]), int(ARGS[6])
        S = {'things': [], 'tokens': {}, 'n': 0, 'clock': time.time() - 3600, 'remaining': BUDGET, 'reset': time.time() + 600}

        def thing(kind, listing, text, **data):
            S['n'] += 1
            S['clock'] += 5
            n = S['n']
            name = '%s_%s' % (kind, base36(1000 + n))
            body = {'name': name, 'id': name[3:], 'author': 'redditor%d' % (n % 3), 'created_utc': S['clock'],
                    'permalink': '/r/spain/comments/%s/x/' % name[3:], 'subreddit': data.get('sub', 'spain')}
            if kind == 't3':
                body.update(title=text % n, selftext='', url='https://www.reddit.com' + body['permalink'])
            else:
                body.update(body=text % n, link_title='Hilo %d' % n)
            S['things'].append({'listing': listing, 'kind': kind, 'data': body})

        def base36(n):
            digits = '0123456789abcdefghijklmnopqrstuvwxyz'
            out = ''
            while n:
                n, r = divmod(n, 36)
                out = digits[r] + out
            return out

        class Handler(Base):
            def apply(self, command):
                if 'post' in command:
                    for _ in range(command['post']):
                        thing('t3', 'search', 'Casa Alba me cobró dos veces %d')
                if 'comment' in command:
                    for _ in range(command['comment']):
                        text = 'lo de casa alba es un timo %d' if command.get('brand', True) else 'otro tema %d'
                        thing('t1', 'r/' + command['sub'], text, sub=command['sub'])
                if 'mention' in command:
                    for _ in range(command['mention']):
                        thing('t1', 'mentions', '/u/%s ¿me devolvéis el dinero? %%d' % USER)
                if command.get('expire') == 'token':
                    for token in S['tokens']:
                        S['tokens'][token]['expires'] = 0
                if 'budget' in command:
                    S['remaining'] = command['budget']

            def limits(self):
                return {'X-Ratelimit-Used': str(BUDGET - max(S['remaining'], 0)), 'X-Ratelimit-Remaining': '%.1f' % max(S['remaining'], 0),
                        'X-Ratelimit-Reset': str(max(int(S['reset'] - time.time()), 0))}

            def listing(self, items, query):
                limit = min(int(query.get('limit', ['25'])[0]), PAGE)
                items = list(reversed(items))  # newest first
                names = [i['data']['name'] for i in items]
                if 'after' in query:
                    a = query['after'][0]
                    items = items[names.index(a) + 1:] if a in names else []
                    chosen = items[:limit]
                elif 'before' in query:
                    b = query['before'][0]
                    items = items[:names.index(b)] if b in names else []
                    chosen = items[-limit:]
                else:
                    chosen = items[:limit]
                more = len(items) > len(chosen) and chosen and chosen[-1] is not items[-1]
                data = {'children': [{'kind': i['kind'], 'data': i['data']} for i in chosen],
                        'after': chosen[-1]['data']['name'] if more else None,
                        'before': None, 'dist': len(chosen)}
                self.answer(200, {'kind': 'Listing', 'data': data}, self.limits())
                return 200

            def route(self):
                path, query = self.parsed()
                agent = self.headers.get('User-Agent') or ''
                if not agent or agent.startswith('curl') or 'python' in agent.lower():
                    self.answer(429, {'message': 'Too Many Requests', 'error': 429})
                    return 429
                if path == '/api/v1/access_token':
                    basic = (self.headers.get('Authorization') or '')[6:]
                    try:
                        cid, secret = base64.b64decode(basic).decode().split(':', 1)
                    except Exception:
                        cid, secret = '', ''
                    body = self.body_json()
                    if (cid, secret) != (CID, CSECRET):
                        self.answer(401, {'message': 'Unauthorized', 'error': 401})
                        return 401
                    grant = body.get('grant_type')
                    if grant == 'password' and (body.get('username') != USER or body.get('password') != PASSWORD):
                        self.answer(200, {'error': 'invalid_grant'})
                        return 200
                    if grant not in ('password', 'client_credentials'):
                        self.answer(200, {'error': 'unsupported_grant_type'})
                        return 200
                    S['n'] += 1
                    token = '%d-tok%dXq' % (S['n'], S['n'] * 7919)
                    S['tokens'][token] = {'expires': time.time() + LIFETIME, 'user': grant == 'password'}
                    self.answer(200, {'access_token': token, 'token_type': 'bearer', 'expires_in': LIFETIME, 'scope': '*'})
                    return 200
                auth = self.headers.get('Authorization') or ''
                token = S['tokens'].get(auth[7:]) if auth.lower().startswith('bearer ') else None
                if token is None or token['expires'] < time.time():
                    self.answer(401, {'message': 'Unauthorized', 'error': 401}, self.limits())
                    return 401
                if time.time() > S['reset']:
                    S['remaining'], S['reset'] = BUDGET, time.time() + 600
                if S['remaining'] <= 0:
                    self.answer(429, {'message': 'Too Many Requests', 'error': 429}, self.limits())
                    return 429
                S['remaining'] -= 1
                if path == '/search':
                    if query.get('sort', [''])[0] != 'new':
                        self.answer(400, {'message': 'this server only tests sort=new'})
                        return 400
                    return self.listing([t for t in S['things'] if t['listing'] == 'search'], query)
                if path.startswith('/r/') and path.endswith('/comments'):
                    sub = path.split('/')[2]
                    return self.listing([t for t in S['things'] if t['listing'] == 'r/' + sub], query)
                if path == '/message/mentions':
                    if not token['user']:
                        self.answer(403, {'message': 'Forbidden', 'error': 403}, self.limits())
                        return 403
                    return self.listing([t for t in S['things'] if t['listing'] == 'mentions'], query)
                self.answer(404, {'message': 'Not Found', 'error': 404}, self.limits())
                return 404

        run(Handler)
        """#
}
