extension NetworkScripts {
    /// Mastodon's REST API as docs.joinmastodon.org describes it (api/guidelines#pagination, methods/timelines,
    /// methods/notifications, methods/search, api/rate-limits): statuses with growing ids; `max_id`, `since_id`
    /// and `min_id` (the page immediately newer than it) with `limit` capped at the server's page size; a `Link`
    /// header with `next` (max_id = oldest of the page) and `prev` (min_id = newest) on timelines and
    /// notifications, none on search; Bearer tokens (401 for a token it does not know, 403 for a missing scope);
    /// `X-RateLimit-Limit/Remaining/Reset` (ISO 8601) on every answer, 429 once the budget is spent.
    /// Arguments: token, scopes (comma-separated), page size, budget per 5-minute window.
    /// Control: {"add": N, "tag": T} posts N statuses tagged T (text "Casa Alba …"); {"mention": N} N mention
    /// notifications; {"budget": N} resets the window's budget.
    ///
    /// Writing (methods/statuses#create, methods/instance#v2, methods/accounts): `POST /api/v1/statuses` (form:
    /// `status`, `in_reply_to_id`, `visibility`) with a token holding `write` or `write:statuses` (403 otherwise),
    /// 422 for a blank text or one over `configuration.statuses.max_characters` of `GET /api/v2/instance` (a link
    /// counted as 23, `@name@instance` as `@name`), 404 for
    /// an unknown `in_reply_to_id`; the `Idempotency-Key` header answers a repeated key with the status it made
    /// before, making none; the status comes back rendered as HTML with linked mentions. The token's account is
    /// `casaalba` (id 900): `GET /api/v1/accounts/verify_credentials`, `GET /api/v1/accounts/900/statuses` (its own
    /// direct statuses included). `/api/v2/search?resolve=true` with a post's URI or URL finds that post. Every
    /// status made is a line of posts.jsonl. Control: {"max_characters": N}; {"fail_posts": N} answers the next N
    /// posts 503 making nothing; {"slow_post": S} makes the next post and answers it S seconds later;
    /// {"lagging": true} leaves the account's statuses listing behind (a cache not yet refreshed): new posts absent.
    /// `GET /api/v1/statuses/:id` (methods/statuses#get) answers one status. Hostile answers on demand:
    /// {"resolve_to": {URL: ID}} makes a resolving search for URL answer status ID (a remote server serving another
    /// post at that address); {"answer_as": {FIELD: VALUE}} answers the next post with those fields replaced;
    /// {"garbage_post": true} makes the next post and answers it 200 with an HTML error page (a broken proxy);
    /// {"echo_auth": true} refuses the next post 422 quoting the request's Authorization header back;
    /// {"redirect_post": URL} answers the next post 307 to URL, making nothing (a hijacked or misconfigured proxy).
    static let mastodon = #"""
        TOKEN, SCOPES, PAGE, BUDGET = ARGS[0], ARGS[1].split(','), int(ARGS[2]), int(ARGS[3])
        S = {'next': 109000000000000000, 'nid': 7000, 'statuses': [], 'notifications': [], 'remaining': BUDGET,
             'reset': time.time() + 300, 'own': [], 'keys': {}, 'max_chars': 500, 'fail_posts': 0, 'slow_post': 0, 'lagging': False,
             'resolve_to': {}, 'answer_as': {}, 'garbage_post': False, 'echo_auth': False,
             'redirect_post': None}
        OWN = {'id': '900', 'username': 'casaalba', 'acct': 'casaalba', 'display_name': 'Casa Alba', 'followers_count': 900}

        def html(text):
            escaped = text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
            def mention(m):
                return '<span class="h-card"><a href="https://social.example/@%s" class="u-url mention">@<span>%s</span></a></span>' % (m.group(1), m.group(1))
            return '<p>' + re.sub(r'@([A-Za-z0-9_]+(?:@[A-Za-z0-9_.-]+)?)', mention, escaped) + '</p>'

        def find(sid):
            return next((s for s in S['statuses'] + S['own'] if s['id'] == sid), None)

        def new_status(tag):
            S['next'] += 1000 + len(S['statuses']) % 7
            n = len(S['statuses']) + 1
            sid = str(S['next'])
            user = 'cliente%d' % (n % 5)
            status = {'id': sid, 'created_at': iso(time.time() - 3600 + n), 'tags': [{'name': tag}],
                      'uri': 'https://social.example/users/%s/statuses/%s' % (user, sid),
                      'url': 'https://social.example/@%s/%s' % (user, sid),
                      'content': '<p>Casa Alba pedido %d: el paquete no llega #%s</p>' % (n, tag), 'spoiler_text': '',
                      'account': {'id': str(n % 5), 'acct': user, 'display_name': 'Cliente %d' % (n % 5),
                                  'followers_count': 100 + n}, 'reblog': None}
            S['statuses'].append(status)
            return status

        class Handler(Base):
            def apply(self, command):
                if 'add' in command:
                    for _ in range(command['add']):
                        new_status(command.get('tag', 'CasaAlba'))
                if 'mention' in command:
                    for _ in range(command['mention']):
                        status = new_status('none')
                        S['nid'] += 3
                        S['notifications'].append({'id': str(S['nid']), 'type': 'mention',
                                                   'created_at': status['created_at'], 'account': status['account'],
                                                   'status': status})
                if 'budget' in command:
                    S['remaining'] = command['budget']
                for name, key in (('max_characters', 'max_chars'), ('fail_posts', 'fail_posts'), ('slow_post', 'slow_post'),
                                  ('lagging', 'lagging'), ('resolve_to', 'resolve_to'), ('answer_as', 'answer_as'),
                                  ('garbage_post', 'garbage_post'), ('echo_auth', 'echo_auth'),
                                  ('redirect_post', 'redirect_post')):
                    if name in command:
                        S[key] = command[name]

            def post_status(self, auth):
                if auth is None:
                    self.answer(401, {'error': 'The access token is invalid'}, self.limits())
                    return 401
                if not {'write', 'write:statuses'} & set(SCOPES):
                    self.answer(403, {'error': 'This action is outside the authorized scopes'}, self.limits())
                    return 403
                form = self.body_json()
                key = self.headers.get('Idempotency-Key')
                if key and key in S['keys']:
                    self.answer(200, S['keys'][key], self.limits())
                    return 200
                if S['fail_posts'] > 0:
                    S['fail_posts'] -= 1
                    self.answer(503, {'error': 'Service Unavailable'})
                    return 503
                if S['redirect_post']:
                    location, S['redirect_post'] = S['redirect_post'], None
                    self.answer(307, {'error': 'moved'}, dict(self.limits(), Location=location))
                    return 307
                if S['echo_auth']:
                    S['echo_auth'] = False
                    self.answer(422, {'error': 'Validation failed for %s' % auth}, self.limits())
                    return 422
                text = form.get('status', '')
                if not text.strip():
                    self.answer(422, {'error': "Validation failed: Text can't be blank"}, self.limits())
                    return 422
                countable = re.sub(r'(^|[^\w@/])@(\w+)@[\w.-]+\w', r'\1@\2', re.sub(r'https?://\S+', 'x' * 23, text))
                if len(countable) > S['max_chars']:
                    self.answer(422, {'error': 'Validation failed: Text character limit of %d exceeded' % S['max_chars']}, self.limits())
                    return 422
                parent = form.get('in_reply_to_id')
                if parent and find(parent) is None:
                    self.answer(404, {'error': 'Record not found'}, self.limits())
                    return 404
                S['next'] += 1000
                sid = str(S['next'])
                visibility = form.get('visibility', 'public')
                status = {'id': sid, 'created_at': iso(time.time()), 'in_reply_to_id': parent, 'visibility': visibility,
                          'uri': 'https://social.example/users/casaalba/statuses/%s' % sid,
                          'url': 'https://social.example/@casaalba/%s' % sid, 'content': html(text), 'spoiler_text': '',
                          'account': OWN, 'reblog': None, 'tags': [],
                          'mentions': [{'acct': m} for m in re.findall(r'@([A-Za-z0-9_]+(?:@[A-Za-z0-9_.-]+)?)', text)]}
                S['own'].append(status)
                if key:
                    S['keys'][key] = status
                if S['answer_as']:
                    status, S['answer_as'] = dict(status, **S['answer_as']), {}
                record_post({'id': sid, 'text': text, 'in_reply_to_id': parent, 'visibility': visibility,
                             'idempotency_key': key, 'mentions': [m['acct'] for m in status['mentions']]})
                if S['garbage_post']:
                    S['garbage_post'] = False
                    page = b'<html><body>502 Bad Gateway</body></html>'
                    self.send_response(200)
                    self.send_header('Content-Type', 'text/html')
                    self.send_header('Content-Length', str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                elif S['slow_post']:
                    self.late, S['slow_post'] = (S['slow_post'], status, self.limits()), 0
                else:
                    self.answer(200, status, self.limits())
                return 200

            def limits(self):
                if time.time() > S['reset']:
                    S['remaining'], S['reset'] = BUDGET, time.time() + 300
                return {'X-RateLimit-Limit': str(BUDGET), 'X-RateLimit-Remaining': str(max(S['remaining'], 0)),
                        'X-RateLimit-Reset': iso(S['reset'])}

            def page(self, items, query, path, link):
                limit = min(int(query.get('limit', ['20'])[0]), PAGE)
                key = lambda item: int(item['id'])
                chosen = sorted(items, key=key, reverse=True)
                if 'max_id' in query:
                    chosen = [i for i in chosen if key(i) < int(query['max_id'][0])]
                if 'since_id' in query:
                    chosen = [i for i in chosen if key(i) > int(query['since_id'][0])]
                if 'min_id' in query:
                    chosen = [i for i in chosen if key(i) > int(query['min_id'][0])][-limit:]
                else:
                    chosen = chosen[:limit]
                headers = self.limits()
                if chosen and link:
                    keep = {k: v[0] for k, v in query.items() if k not in ('max_id', 'since_id', 'min_id')}
                    base = 'http://127.0.0.1:%d%s?' % (self.server.server_address[1], path)
                    headers['Link'] = '<%s>; rel="next", <%s>; rel="prev"' % (
                        base + urlencode(dict(keep, max_id=chosen[-1]['id'])),
                        base + urlencode(dict(keep, min_id=chosen[0]['id'])))
                return chosen, headers

            def route(self):
                path, query = self.parsed()
                auth = self.headers.get('Authorization')
                if auth is not None and auth != 'Bearer ' + TOKEN:
                    self.answer(401, {'error': 'The access token is invalid'}, self.limits())
                    return 401
                if S['remaining'] <= 0:
                    self.answer(429, {'error': 'Too many requests'}, self.limits())
                    return 429
                S['remaining'] -= 1
                if path == '/api/v2/instance':
                    self.answer(200, {'domain': 'social.example', 'configuration': {'statuses': {
                        'max_characters': S['max_chars'], 'max_media_attachments': 4}}}, self.limits())
                    return 200
                if path == '/api/v1/statuses' and self.command == 'POST':
                    return self.post_status(auth)
                if path.startswith('/api/v1/statuses/') and self.command == 'GET':
                    status = find(path.rsplit('/', 1)[1])
                    self.answer(200 if status else 404, status or {'error': 'Record not found'}, self.limits())
                    return 200 if status else 404
                if path.startswith('/api/v1/accounts/'):
                    if auth is None:
                        self.answer(401, {'error': 'The access token is invalid'}, self.limits())
                        return 401
                    if path == '/api/v1/accounts/verify_credentials':
                        self.answer(200, OWN, self.limits())
                        return 200
                    if path == '/api/v1/accounts/900/statuses':
                        limit = min(int(query.get('limit', ['20'])[0]), 40)
                        shown = [] if S['lagging'] else list(reversed(S['own']))[:limit]
                        self.answer(200, shown, self.limits())
                        return 200
                if path.startswith('/api/v1/timelines/tag/'):
                    tag = path.rsplit('/', 1)[1].lower()
                    items = [s for s in S['statuses'] if any(t['name'].lower() == tag for t in s['tags'])]
                    chosen, headers = self.page(items, query, path, True)
                    self.answer(200, chosen, headers)
                    return 200
                if path == '/api/v1/notifications':
                    if auth is None:
                        self.answer(401, {'error': 'The access token is invalid'}, self.limits())
                        return 401
                    if 'read:notifications' not in SCOPES and 'read' not in SCOPES:
                        self.answer(403, {'error': 'This action is outside the authorized scopes'}, self.limits())
                        return 403
                    types = query.get('types[]', [])
                    items = [n for n in S['notifications'] if not types or n['type'] in types]
                    chosen, headers = self.page(items, query, path, True)
                    self.answer(200, chosen, headers)
                    return 200
                if path == '/api/v2/search':
                    words = query.get('q', [''])[0].lower()
                    items = [s for s in S['statuses'] if words in s['content'].lower()]
                    if query.get('resolve', [''])[0] == 'true' and words.startswith('http'):
                        if auth is None:
                            self.answer(401, {'error': 'The access token is invalid'}, self.limits())
                            return 401
                        items = [s for s in S['statuses'] if words in (s['uri'].lower(), s['url'].lower())]
                        impostor = next((v for k, v in S['resolve_to'].items() if k.lower() == words), None)
                        if impostor:
                            items = [s for s in S['statuses'] if s['id'] == impostor]
                    if query.get('type', [''])[0] != 'statuses':
                        items = []
                    chosen, headers = self.page(items, query, path, False)
                    self.answer(200, {'accounts': [], 'statuses': chosen, 'hashtags': []}, headers)
                    return 200
                self.answer(404, {'error': 'Record not found'}, self.limits())
                return 404

        run(Handler)
        """#
}
