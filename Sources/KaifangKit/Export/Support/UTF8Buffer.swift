import Foundation

/// Text appended as UTF-8 straight into the file's bytes: a catalogue-wide
/// file printed into a `String` was copied once more into `Data` at the end,
/// twice its size in memory at the peak (gigabytes at 10⁵ datasets).
struct UTF8Buffer {
    private(set) var data = Data()

    mutating func reserveCapacity(_ bytes: Int) { data.reserveCapacity(bytes) }

    static func += (buffer: inout UTF8Buffer, text: String) {
        var text = text
        text.withUTF8 { buffer.data.append($0) }
    }
}
