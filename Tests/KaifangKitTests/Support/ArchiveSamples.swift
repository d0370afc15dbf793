import CZlib
import Foundation
import ZIPFoundation

/// Office documents and compressed files made in the test, from parts
/// written out here, so every privacy test states exactly what the file holds.
enum ArchiveSamples {
    /// A ZIP archive of the given members (deflated), as XLSX, DOCX and ODS are.
    static func zip(_ members: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in members {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return try XCTUnwrapData(archive.data)
    }

    private static func XCTUnwrapData(_ data: Data?) throws -> Data {
        guard let data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// A workbook with one sheet named `sheet`: shared strings, and cells given as raw `<c>` XML.
    static func xlsx(sheet: String = "名单", sharedStrings: [String], cells: String) throws -> Data {
        let strings = sharedStrings.map { "<si><t>\($0)</t></si>" }.joined()
        return try zip([
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""# + sheet + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
            ("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"# + strings + "</sst>"),
            ("xl/worksheets/sheet1.xml", #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"# + cells + "</sheetData></worksheet>"),
        ])
    }

    /// A document whose body is the given `<w:p>` paragraphs, and optionally a header part.
    static func docx(paragraphs: String, header: String? = nil) throws -> Data {
        var members = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("word/document.xml", #"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"# + paragraphs + "</w:body></w:document>"),
        ]
        if let header {
            members.append(("word/header1.xml", #"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"# + header + "</w:hdr>"))
        }
        return try zip(members)
    }

    /// A spreadsheet whose first table holds the given `<table:table-row>` XML.
    static func ods(table: String = "Sheet1", rows: String) throws -> Data {
        try zip([
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name=""# + table + #"">"# + rows + "</table:table></office:spreadsheet></office:body></office:document-content>"),
            ("META-INF/manifest.xml", #"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#),
        ])
    }

    /// gzip-compressed bytes, made with zlib's own gzip wrapper.
    static func gzip(_ data: Data) -> Data {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        let written: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Data(output.prefix(written))
    }

    /// Text in UTF-16, little- or big-endian, with or without a byte-order mark.
    static func utf16(_ text: String, littleEndian: Bool, bom: Bool) -> Data {
        var bytes: [UInt8] = []
        if bom { bytes += littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF] }
        for unit in text.utf16 {
            let low = UInt8(unit & 0xFF), high = UInt8(unit >> 8)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return Data(bytes)
    }
}
