extension NetworkScripts {
    /// The YouTube Data API v3 `commentThreads.list` as developers.google.com/youtube/v3/docs/commentThreads/list
    /// describes it: `part=snippet`, `allThreadsRelatedToChannelId`, `order=time` (newest first), `maxResults`
    /// capped at the page size, an opaque `nextPageToken`/`pageToken`, `key` required (400 badRequest "API key not
    /// valid"), one quota unit per call (403 quotaExceeded once the day's units are spent).
    /// Answering (developers.google.com/youtube/v3/docs/comments/insert and /list, and Google's OAuth token
    /// endpoint): `POST /token` (grant_type=refresh_token with client id, secret and refresh token → a bearer
    /// token for an hour; 401 invalid_client, 400 invalid_grant), `POST /youtube/v3/comments?part=snippet` with
    /// the bearer token (401 authError without; `snippet.parentId` an existing thread, else 404
    /// parentCommentNotFound; `textOriginal` at most 10,000 characters, else 400 commentTextTooLong; 50 quota
    /// units), `GET /youtube/v3/comments?part=snippet&parentId=…` (the thread's replies, oldest first,
    /// `pageToken`; one unit), `GET /youtube/v3/channels?part=snippet&mine=true` (the token's channel; one
    /// unit). Every reply received is appended to `posts.jsonl` in the server's folder.
    /// Arguments: api key, channel id, page size, daily units, OAuth client id, client secret, refresh token.
    /// Control: {"comment": N} new top-level comments on the channel's videos; {"throttle": N} the next N
    /// inserts answer 429 rateLimitExceeded; {"spend": N} uses N quota units; {"slow_post": S} makes the next
    /// reply and answers it S seconds later.
    static let youtube = #"""
        KEY, CHANNEL, PAGE, UNITS = ARGS[0], ARGS[1], int(ARGS[2]), int(ARGS[3])
        CLIENT, SECRET, REFRESH = (ARGS[4:7] + ['', '', ''])[:3]
        S = {'threads': [], 'used': 0, 'clock': time.time() - 5000, 'tokens': {}, 'replies': [], 'throttle': 0, 'slow_post': 0}


        def google_error(handler, status, reason, message):
            handler.answer(status, {'error': {'code': status, 'message': message,
                                              'errors': [{'message': message, 'domain': 'youtube', 'reason': reason}]}})
            return status

        class Handler(Base):
            def apply(self, command):
                for _ in range(command.get('comment', 0)):
                    S['clock'] += 11
                    n = len(S['threads']) + 1
                    cid = 'Ugz%06dAaBbCc' % n
                    S['threads'].append({'kind': 'youtube#commentThread', 'id': cid, 'snippet': {
                        'channelId': CHANNEL, 'videoId': 'vid%03d' % (n % 7), 'canReply': True, 'totalReplyCount': 0,
                        'topLevelComment': {'kind': 'youtube#comment', 'id': cid, 'snippet': {
                            'channelId': CHANNEL, 'videoId': 'vid%03d' % (n % 7),
                            'textDisplay': 'El envío de Casa Alba tardó un mes %d' % n,
                            'textOriginal': 'El envío de Casa Alba tardó un mes %d' % n,
                            'authorDisplayName': '@espectador%d' % (n % 5),
                            'authorChannelUrl': 'http://www.youtube.com/@espectador%d' % (n % 5),
                            'likeCount': n, 'publishedAt': iso(S['clock'])[:19] + 'Z', 'updatedAt': iso(S['clock'])[:19] + 'Z'}}}})

                S['throttle'] += command.get('throttle', 0)
                S['used'] += command.get('spend', 0)
                S['slow_post'] = command.get('slow_post', S['slow_post'])

            def token(self):
                form = self.body_json()
                if form.get('client_id') != CLIENT or form.get('client_secret') != SECRET:
                    self.answer(401, {'error': 'invalid_client', 'error_description': 'The OAuth client was not found.'})
                    return 401
                if form.get('grant_type') != 'refresh_token' or form.get('refresh_token') != REFRESH:
                    self.answer(400, {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})
                    return 400
                access = 'ya29.test%d' % (len(S['tokens']) + 1)
                S['tokens'][access] = time.time() + 3599
                self.answer(200, {'access_token': access, 'expires_in': 3599, 'token_type': 'Bearer',
                                  'scope': 'https://www.googleapis.com/auth/youtube.force-ssl'})
                return 200

            def bearer(self):
                auth = self.headers.get('Authorization') or ''
                return auth.startswith('Bearer ') and S['tokens'].get(auth[7:], 0) > time.time()

            def quota(self, units):
                if S['used'] + units > UNITS:
                    return google_error(self, 403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.')
                S['used'] += units
                return None

            def insert(self):
                if not self.bearer():
                    return google_error(self, 401, 'authError', 'Request had invalid authentication credentials.')
                if S['throttle'] > 0:
                    S['throttle'] -= 1
                    return google_error(self, 429, 'rateLimitExceeded', 'The request was sent too often.')
                refused = self.quota(50)
                if refused:
                    return refused
                snippet = (self.body_json().get('snippet') or {})
                parent = snippet.get('parentId')
                text = snippet.get('textOriginal')
                if not any(t['id'] == parent for t in S['threads']):
                    return google_error(self, 404, 'parentCommentNotFound', 'The specified parent comment could not be found.')
                if not isinstance(text, str) or not text:
                    return google_error(self, 400, 'invalidCommentMetadata', 'The request metadata is invalid.')
                if len(text) > 10000:
                    return google_error(self, 400, 'commentTextTooLong', 'The comment text is too long.')
                n = len(S['replies']) + 1
                stamp = iso(time.time())[:19] + 'Z'
                comment = {'kind': 'youtube#comment', 'id': '%s.rep%05d' % (parent, n), 'snippet': {
                    'channelId': CHANNEL, 'parentId': parent, 'textOriginal': text, 'textDisplay': text,
                    'authorDisplayName': '@casaalba', 'authorChannelId': {'value': CHANNEL},
                    'authorChannelUrl': 'http://www.youtube.com/@casaalba', 'canRate': True, 'likeCount': 0,
                    'publishedAt': stamp, 'updatedAt': stamp}}
                S['replies'].append(comment)
                record_post({'kind': 'reply', 'id': comment['id'], 'parentId': parent, 'text': text})
                if S['slow_post']:
                    self.late, S['slow_post'] = (S['slow_post'], comment, {}), 0
                else:
                    self.answer(200, comment)
                return 200

            def replies(self, query):
                if not self.bearer() and query.get('key', [''])[0] != KEY:
                    return google_error(self, 401, 'authError', 'Request had invalid authentication credentials.')
                refused = self.quota(1)
                if refused:
                    return refused
                parent = query.get('parentId', [''])[0]
                items = [c for c in S['replies'] if c['snippet']['parentId'] == parent]
                limit = min(int(query.get('maxResults', ['20'])[0]), PAGE)
                start = int(query.get('pageToken', ['0'])[0])
                payload = {'kind': 'youtube#commentListResponse', 'items': items[start:start + limit]}
                if start + limit < len(items):
                    payload['nextPageToken'] = str(start + limit)
                self.answer(200, payload)
                return 200

            def route(self):
                path, query = self.parsed()
                if path == '/token' and self.command == 'POST':
                    return self.token()
                if path == '/youtube/v3/comments':
                    if 'snippet' not in query.get('part', [''])[0]:
                        return google_error(self, 400, 'invalidPart', 'part=snippet is required')
                    return self.insert() if self.command == 'POST' else self.replies(query)
                if path == '/youtube/v3/channels':
                    if not self.bearer():
                        return google_error(self, 401, 'authError', 'Request had invalid authentication credentials.')
                    refused = self.quota(1)
                    if refused:
                        return refused
                    mine = query.get('mine', [''])[0] == 'true'
                    self.answer(200, {'kind': 'youtube#channelListResponse', 'items': [
                        {'kind': 'youtube#channel', 'id': CHANNEL, 'snippet': {'title': 'Casa Alba', 'customUrl': '@casaalba'}}] if mine else []})
                    return 200
                if path != '/youtube/v3/commentThreads':
                    return google_error(self, 404, 'notFound', 'Not Found')
                if query.get('key', [''])[0] != KEY:
                    return google_error(self, 400, 'badRequest', 'API key not valid. Please pass a valid API key.')
                if S['used'] >= UNITS:
                    return google_error(self, 403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.')
                S['used'] += 1
                if query.get('allThreadsRelatedToChannelId', [''])[0] != CHANNEL:
                    return google_error(self, 404, 'channelNotFound', 'The channel could not be found.')
                if query.get('order', ['time'])[0] != 'time' or 'snippet' not in query.get('part', [''])[0]:
                    return google_error(self, 400, 'invalidParameter', 'this server only tests part=snippet&order=time')
                limit = min(int(query.get('maxResults', ['20'])[0]), PAGE)
                items = list(reversed(S['threads']))
                start = 0
                if 'pageToken' in query:
                    token = query['pageToken'][0]
                    start = int(base64.urlsafe_b64decode(token + '=' * (-len(token) % 4)).decode()[4:])
                chosen = items[start:start + limit]
                payload = {'kind': 'youtube#commentThreadListResponse', 'pageInfo': {'totalResults': len(chosen), 'resultsPerPage': limit},
                           'items': chosen}
                if start + limit < len(items):
                    payload['nextPageToken'] = base64.urlsafe_b64encode(('pos:%d' % (start + limit)).encode()).decode().rstrip('=')
                self.answer(200, payload)
                return 200

        run(Handler)
        """#

    /// Apple's customer-reviews RSS in JSON (itunes.apple.com/{country}/rss/customerreviews/page={n}/id={app}/
    /// sortby=mostrecent/json): `feed.entry` newest first (one object instead of a list when there is one), 50 per
    /// page, pages 1 to 10 only, `feed.link` with rel="next"; `im:rating`, `author.name.label`, `content.label`,
    /// `updated.label`, `id.label`. No sign-in; an unknown app id answers an empty feed.
    /// Arguments: app id, page size. Control: {"review": N, "rating": R}.
    static let appstore = #"""
        APP, PAGE = ARGS[0], int(ARGS[1])
        S = {'reviews': [], 'clock': time.time() - 9000}

        class Handler(Base):
            def apply(self, command):
                for _ in range(command.get('review', 0)):
                    S['clock'] += 13
                    n = len(S['reviews']) + 1
                    S['reviews'].append({
                        'author': {'uri': {'label': 'https://itunes.apple.com/es/reviews/id%d' % (9000 + n)}, 'name': {'label': 'usuaria%d' % n}, 'label': ''},
                        'updated': {'label': datetime.datetime.fromtimestamp(S['clock'], datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S-07:00')},
                        'im:rating': {'label': str(command.get('rating', 1))}, 'im:version': {'label': '4.2.%d' % n},
                        'id': {'label': str(11000000000 + n)}, 'title': {'label': 'La app se cierra %d' % n},
                        'content': {'label': 'Desde la actualización de Casa Alba no puedo pagar %d' % n, 'attributes': {'type': 'text'}},
                        'link': {'attributes': {'rel': 'related', 'href': 'https://apps.apple.com/es/review?id=%s' % APP}}})

            def route(self):
                path, query = self.parsed()
                parts = path.strip('/').split('/')
                # /{country}/rss/customerreviews/page={n}/id={app}/sortby=mostrecent/json
                if len(parts) != 7 or parts[1:3] != ['rss', 'customerreviews'] or parts[6] != 'json' or parts[5] != 'sortby=mostrecent':
                    self.answer(404, {'error': 'not found'})
                    return 404
                page = int(parts[3].split('=')[1])
                app = parts[4].split('=')[1]
                if page < 1 or page > 10:
                    self.answer(400, {'error': 'page out of range'})
                    return 400
                base = 'http://127.0.0.1:%d/%s/rss/customerreviews' % (self.server.server_address[1], parts[0])
                feed = {'author': {'name': {'label': 'iTunes Store'}}, 'updated': {'label': iso(time.time())},
                        'link': [{'attributes': {'rel': 'self', 'href': '%s/page=%d/id=%s/sortby=mostrecent/json' % (base, page, app)}}]}
                items = list(reversed(S['reviews'])) if app == APP else []
                chosen = items[(page - 1) * PAGE:page * PAGE]
                if page < 10 and page * PAGE < len(items):
                    feed['link'].append({'attributes': {'rel': 'next', 'href': '%s/page=%d/id=%s/sortby=mostrecent/xml?urlDesc=/customerreviews/page=%d/id=%s/sortby=mostrecent/json' % (base, page + 1, app, page + 1, app)}})
                if len(chosen) == 1:
                    feed['entry'] = chosen[0]
                elif chosen:
                    feed['entry'] = chosen
                self.answer(200, {'feed': feed})
                return 200

        run(Handler)
        """#
}
