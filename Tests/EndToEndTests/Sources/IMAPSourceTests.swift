import XCTest

/// `"source": "imap"` against a real Dovecot on loopback: cursor (UIDVALIDITY, UID), re-sync without duplicates,
/// read only (no flag set, nothing moved or expunged), sender and subject kept.
final class IMAPSourceTests: XCTestCase {
    static let password = "imap-s3cret-Kq7"

    private func feed(_ dovecot: DovecotServer) -> String {
        #"{"id": "soporte", "source": "imap", "url": "\#(dovecot.url)", "username": "\#(dovecot.user)", "#
            + #""password": "${IMAP_PASSWORD}", "interval": "1m", "max_pages": 1}"#
    }

    func testTheInboxIsReadOnceReadOnlyAndAcrossAUIDValidityChange() throws {
        let dovecot = try DovecotServer(password: Self.password)
        defer { dovecot.stop() }
        let space = try SourceWorkspace(feeds: ["soporte": feed(dovecot)])
        defer { space.vigia.remove() }
        let environment = ["IMAP_PASSWORD": Self.password]
        try dovecot.deliver(
            subject: "=?UTF-8?Q?Pedido_sin_llegar_=E2=80=94_urgente?=", from: "=?UTF-8?Q?Mar=C3=ADa_L=C3=B3pez?= <maria@example.com>",
            body: "Hola,=0D=0Amy pedido 1043 no ha llegado y nadie contesta. Quiero el reembolso.",
            extraHeaders: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n")
        try dovecot.deliver(subject: "Factura", from: "jordi@example.com", body: "Necesito la factura del pedido 2211")
        try dovecot.deliver(
            subject: "Devolución", from: "\"Ana Ruiz\" <ana@example.com>",
            body: "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n\(Data("Quiero devolver el sofá".data(using: .isoLatin1)!).base64EncodedString())\r\n--b1--",
            extraHeaders: "Content-Type: multipart/alternative; boundary=\"b1\"\r\n")
        let first = try space.poll(0, environment: environment)
        XCTAssertEqual(first.status, 0, first.stderr)
        let mentions = space.mentions()
        XCTAssertEqual(mentions.count, 3)
        let maria = try XCTUnwrap(mentions.first { ($0["author"] as? [String: Any])?["handle"] as? String == "maria@example.com" })
        XCTAssertEqual((maria["author"] as? [String: Any])?["name"] as? String, "María López")
        XCTAssertEqual(maria["title"] as? String, "Pedido sin llegar — urgente")
        XCTAssertTrue((maria["text"] as? String)?.contains("reembolso") == true, "\(maria)")
        let ana = try XCTUnwrap(mentions.first { ($0["author"] as? [String: Any])?["name"] as? String == "Ana Ruiz" })
        XCTAssertEqual(ana["text"] as? String, "Quiero devolver el sofá", "text/plain preferred, charset and base64 undone")

        // 100 new mails (2 × the page of 50); the page cap (max_pages 1) spreads them over two polls.
        for index in 1...100 { try dovecot.deliver(subject: "Consulta \(index)", from: "cliente\(index)@example.com", body: "¿Dónde está mi pedido \(index)?") }
        XCTAssertEqual(try space.poll(1, environment: environment).jsonObject()["new_mentions"] as? Int, 50)
        XCTAssertEqual(try space.poll(2, environment: environment).jsonObject()["new_mentions"] as? Int, 50)
        XCTAssertEqual(try space.poll(3, environment: environment).jsonObject()["new_mentions"] as? Int, 0)

        // The mailbox is rebuilt under another UIDVALIDITY: re-read from UID 1, nothing recorded twice.
        try dovecot.changeUIDValidity(to: 424242)
        try dovecot.deliver(subject: "Nuevo tras migrar", from: "tarde@example.com", body: "Sigo esperando")
        var step = 4, fresh = 0
        while step < 12 {
            let poll = try space.poll(step, environment: environment)
            XCTAssertEqual(poll.status, 0, poll.stderr)
            fresh += try poll.jsonObject()["new_mentions"] as? Int ?? 0
            step += 1
        }
        XCTAssertEqual(fresh, 1)
        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 104)
        XCTAssertEqual(Set(ids).count, 104, "a mail recorded twice")

        let files = dovecot.messageFiles()
        XCTAssertEqual(files.count, 104, "nothing moved away or expunged")
        XCTAssertTrue(files.allSatisfy { name in !(name.split(separator: ",").last.map { $0.contains("S") || $0.contains("T") } ?? false) || !name.contains(":2,") },
                      "a message was flagged: \(files.filter { $0.contains(":2,") && !$0.hasSuffix(":2,") })")
        for (path, data) in space.alertFiles() { XCTAssertNil(data.range(of: Data(Self.password.utf8)), "the password is in alerts/\(path)") }
    }

    func testARejectedPasswordIsAClearErrorAndCheckFetchSignsIn() throws {
        let dovecot = try DovecotServer(password: Self.password)
        defer { dovecot.stop() }
        let space = try SourceWorkspace(feeds: ["soporte": feed(dovecot)])
        defer { space.vigia.remove() }
        try dovecot.deliver(subject: "Hola", from: "x@example.com", body: "texto")
        let check = try space.vigia.run(["--json", "check", "--fetch"], environment: ["IMAP_PASSWORD": Self.password])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertEqual(try check.jsonLines().first?["items"] as? Int, 1)
        let wrong = "not-the-imap-password"
        let poll = try space.poll(0, environment: ["IMAP_PASSWORD": wrong])
        XCTAssertEqual(poll.status, 1)
        XCTAssertTrue(poll.stderr.contains("IMAP: password rejected for soporte@casaalba.example"), poll.stderr)
        XCTAssertFalse((poll.stdout + poll.stderr).contains(wrong))
        XCTAssertEqual(space.journal().split(separator: "\n").filter { $0.contains(#""kind":"filed""#) && $0.contains("source_health") }.count, 1)
    }
}
