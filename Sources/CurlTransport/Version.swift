/// The Vigía release, shown in the User-Agent, `vigia --version` and reports.
/// It lives here because every other module can see CurlTransport.
package let vigiaVersion = "0.1.0"
