import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Spreadsheets exported by Chinese offices are often GB18030 (or its subset
/// GBK). Foundation on Linux cannot decode it, so this wraps the C library's iconv.
public enum LegacyEncoding {
    /// Decodes GB18030 bytes; nil when the bytes are not valid GB18030.
    public static func decodeGB18030(_ data: Data) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        if converter == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(converter) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let converted: Int = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        if converted == -1 || inLeft != 0 { return nil }
        return String(validating: output[0..<(output.count - outLeft)], as: UTF8.self)
    }

    /// UTF-8 if the bytes are UTF-8, else GB18030; line ends normalised.
    public static func decodeSpreadsheetText(_ data: Data, file: String) -> Result<String, Diagnostic> {
        let utf8 = TextDecoder.decodeUTF8(data, file: file)
        if case .success = utf8 { return utf8 }
        if let text = decodeGB18030(data) {
            return .success(TextDecoder.normalizeLineEnds(text))
        }
        return .failure(.error(
            at: SourceLocation(file: file, line: 1, column: 1),
            "the file is neither UTF-8 nor GB18030 text",
            code: "file.encoding",
            hint: "save it from the spreadsheet as \"CSV UTF-8\", or convert it: iconv -f GBK -t UTF-8 in.csv > out.csv"))
    }
}
