/// A real SMTP server (aiosmtpd's protocol implementation) on a free loopback port. Each accepted message is
/// written to `<dir>/msgN.eml` as "MAIL FROM:..." / "RCPT TO:..." lines, a blank line, then the exact DATA
/// bytes received. AUTH accepts vigia / s3cret (allowed without TLS: loopback test only).
let smtpSinkScript = #"""
    import asyncio, os, sys
    from aiosmtpd.smtp import SMTP, AuthResult

    outdir = sys.argv[1]

    class Handler:
        count = 0
        async def handle_DATA(self, server, session, envelope):
            Handler.count += 1
            path = os.path.join(outdir, 'msg%d.eml' % Handler.count)
            with open(path + '.tmp', 'wb') as f:
                f.write(('MAIL FROM:%s\n' % envelope.mail_from).encode())
                for rcpt in envelope.rcpt_tos:
                    f.write(('RCPT TO:%s\n' % rcpt).encode())
                f.write(b'\n')
                f.write(envelope.original_content)
            os.rename(path + '.tmp', path)
            return '250 OK'

    def authenticate(server, session, envelope, mechanism, data):
        return AuthResult(success=(data.login == b'vigia' and data.password == b's3cret'), handled=False)

    async def main():
        loop = asyncio.get_running_loop()
        factory = lambda: SMTP(Handler(), hostname='localhost', authenticator=authenticate, auth_require_tls=False)
        server = await loop.create_server(factory, '127.0.0.1', 0)
        print('LISTENING smtp://127.0.0.1:%d' % server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())
    """#
