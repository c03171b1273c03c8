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
    /// Control: {"post": N} posts matching the search; {"post_text": T} one such post with that title; {"comment": N, "sub": S, "brand": true|false};
    /// {"mention": N}; {"expire": "token"}; {"budget": N}.
    ///
    /// Writing (reddit.com/dev/api#POST_api_comment, #POST_api_compose): form POSTs with `api_type=json` and a
    /// user token (403 for an app-only one). `/api/comment` (`thing_id`, `text`) answers
    /// `{"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": {…}}]}}}`; `/api/compose` (`to`,
    /// `subject`, `text`) answers `{"json": {"errors": []}}` and no id. Refusals come as `json.errors` with a 200
    /// (`TOO_LONG` over 10,000 characters, `NO_TEXT`, `NO_SUBJECT`, `INVALID_ID`, `RATELIMIT`). The account's
    /// comments are `/user/{name}/comments`, its messages `/message/sent`. Every comment or message made is a line
    /// of posts.jsonl. Control: {"fail_posts": N} answers the next N writes 503 making nothing; {"slow_post": S}
    /// makes the next one and answers S seconds later; {"ratelimit_posts": N} refuses N with RATELIMIT.
    /// `GET /api/info?id=FULLNAME,…` (reddit.com/dev/api#GET_api_info) answers a Listing of the things named.
    static let reddit = #"""
        CID, CSECRET, USER, PASSWORD, PAGE, LIFETIME, BUDGET = ARGS[0], ARGS[1], ARGS[2], ARGS[3], int(ARGS[4]), int(ARGS[5]), int(ARGS[6])
        S = {'things': [], 'tokens': {}, 'n': 0, 'clock': time.time() - 3600, 'remaining': BUDGET, 'reset': time.time() + 600,
             'comments': [], 'messages': [], 'fail_posts': 0, 'slow_post': 0, 'ratelimit_posts': 0}

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
                if 'post_text' in command:
                    thing('t3', 'search', '%d')
                    S['things'][-1]['data']['title'] = command['post_text']
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
                for name in ('fail_posts', 'slow_post', 'ratelimit_posts'):
                    if name in command:
                        S[name] = command[name]

            def write(self, path, token):
                if not token['user']:
                    self.answer(403, {'message': 'Forbidden', 'error': 403}, self.limits())
                    return 403
                if S['fail_posts'] > 0:
                    S['fail_posts'] -= 1
                    self.answer(503, {'message': 'Service Unavailable', 'error': 503})
                    return 503
                form = self.body_json()
                errors = []
                text = form.get('text', '')
                if form.get('api_type') != 'json':
                    errors.append(['BAD_REQUEST', 'api_type=json expected', 'api_type'])
                if not text.strip():
                    errors.append(['NO_TEXT', 'we need something here', 'text'])
                if len(text) > 10000:
                    errors.append(['TOO_LONG', 'this is too long (max: 10000)', 'text'])
                if S['ratelimit_posts'] > 0:
                    S['ratelimit_posts'] -= 1
                    errors.append(['RATELIMIT', 'you are doing that too much. try again in 9 minutes.', 'ratelimit'])
                S['clock'] += 5
                S['n'] += 1
                if path == '/api/comment':
                    parent = form.get('thing_id', '')
                    if not any(t['data']['name'] == parent for t in S['things'] + S['comments']):
                        errors.append(['INVALID_ID', 'that thing does not exist', 'thing_id'])
                    if errors:
                        self.answer(200, {'json': {'errors': errors}}, self.limits())
                        return 200
                    name = 't1_%s' % base36(90000 + S['n'])
                    data = {'name': name, 'id': name[3:], 'author': USER, 'body': text, 'parent_id': parent,
                            'created_utc': S['clock'], 'permalink': '/r/spain/comments/x/y/%s/' % name[3:]}
                    S['comments'].append({'kind': 't1', 'listing': 'own', 'data': data})
                    record_post({'kind': 'comment', 'id': name, 'thing_id': parent, 'text': text})
                    payload = {'json': {'errors': [], 'data': {'things': [{'kind': 't1', 'data': data}]}}}
                else:
                    if not form.get('subject', '').strip():
                        errors.append(['NO_SUBJECT', 'please enter a subject', 'subject'])
                    if len(form.get('subject', '')) > 100:
                        errors.append(['TOO_LONG', 'this is too long (max: 100)', 'subject'])
                    if errors:
                        self.answer(200, {'json': {'errors': errors}}, self.limits())
                        return 200
                    name = 't4_%s' % base36(90000 + S['n'])
                    data = {'name': name, 'id': name[3:], 'author': USER, 'dest': form.get('to', ''), 'body': text,
                            'subject': form.get('subject'), 'created_utc': S['clock']}
                    S['messages'].append({'kind': 't4', 'listing': 'sent', 'data': data})
                    record_post({'kind': 'message', 'id': name, 'to': form.get('to'), 'subject': form.get('subject'), 'text': text})
                    payload = {'json': {'errors': []}}
                if S['slow_post']:
                    self.late, S['slow_post'] = (S['slow_post'], payload, self.limits()), 0
                else:
                    self.answer(200, payload, self.limits())
                return 200

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
                if path in ('/api/comment', '/api/compose') and self.command == 'POST':
                    return self.write(path, token)
                if path == '/user/%s/comments' % USER:
                    return self.listing(S['comments'], query)
                if path == '/message/sent':
                    if not token['user']:
                        self.answer(403, {'message': 'Forbidden', 'error': 403}, self.limits())
                        return 403
                    return self.listing(S['messages'], query)
                if path == '/api/info':
                    names = query.get('id', [''])[0].split(',')
                    found = [{'kind': t['kind'], 'data': t['data']} for t in S['things'] if t['data']['name'] in names]
                    self.answer(200, {'kind': 'Listing', 'data': {'children': found, 'after': None, 'before': None}},
                                self.limits())
                    return 200
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
