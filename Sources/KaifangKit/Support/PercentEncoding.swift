/// `%XX` with upper-case hex digits (RFC 3986 §2.1), for the encoders of
/// URL path segments (`Slug`) and of publisher-written IRIs (`IRI`).
enum PercentEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func append(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "%"))
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
    }
}
