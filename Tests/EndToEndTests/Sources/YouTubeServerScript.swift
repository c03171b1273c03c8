extension NetworkScripts {
    /// The YouTube Data API v3 `commentThreads.list` as developers.google.com/youtube/v3/docs/commentThreads/list
    /// describes it: `part=snippet`, `allThreadsRelatedToChannelId`, `order=time` (newest first), `maxResults`
    /// capped at the page size, an opaque `nextPageToken`/`pageToken`, `key` required (400 badRequest "API key not
    /// valid"), one quota unit per call (403 quotaExceeded once the day's units are spent).
    /// Arguments: api key, channel id, page size, daily units.
    /// Control: {"comment": N} new top-level comments on the channel's videos.
    static let youtube = #"""
        KEY, CHANNEL, PAGE, UNITS = ARGS[0], ARGS[1], int(ARGS[2]), int(ARGS[3])
        S = {'threads': [], 'used': 0, 'clock': time.time() - 5000}

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

            def route(self):
                path, query = self.parsed()
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
