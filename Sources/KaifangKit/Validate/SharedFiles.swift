import Foundation

/// A file of `Content/data/` is published when any open dataset lists it,
/// whatever else lists it. So a file that an open dataset and a conditional
/// or closed one both reference would be copied, previewed and measured for
/// everyone: it is an error at both references, each naming the other.
///
/// Files are compared by what they are on disk (device and inode), so two
/// spellings, a symbolic link or a hard link to the same file are caught too.
enum SharedFiles {
    private struct Use {
        var path: String
        var location: SourceLocation
        var openType: OpenType
        var title: String
        var file: String
    }

    static func check(_ documents: [RawDocument], dataFolder: DataFolder) -> [Diagnostic] {
        var uses: [String: [Use]] = [:]
        var order: [String] = []
        for document in documents {
            guard let type = document["open_type"]?.scalar.flatMap({ OpenType(catalogueValue: $0.trimmedWhitespace) }) else { continue }
            let title = document["title"]?.scalar?.trimmedWhitespace ?? document.slug
            for item in document["resources"]?.items ?? [] {
                guard let node = item["path"], let raw = node.scalar?.trimmedWhitespace, !raw.isEmpty,
                      dataFolder.check(raw) == nil else { continue }
                let path = DataFolder.normalize(raw)
                let key = identity(dataFolder.url(for: path)) ?? "path:" + path
                if uses[key] == nil { order.append(key) }
                uses[key, default: []].append(Use(path: path, location: node.location, openType: type, title: title, file: document.file))
            }
        }
        var found: [Diagnostic] = []
        for key in order {
            let all = uses[key]!
            let open = all.filter { $0.openType == .open }
            let withheld = all.filter { $0.openType != .open }
            guard !open.isEmpty, !withheld.isEmpty else { continue }
            for use in open {
                for other in withheld {
                    found.append(.error(at: use.location,
                                        "the file \"\(use.path)\" is also a resource of the \(describe(other.openType)) dataset "
                                        + "\"\(other.title)\" (\(other.location)); listing it here would publish it",
                                        code: "resource.shared-file",
                                        hint: "put what may be published in a file of its own; a file of a conditional or closed dataset is never copied"))
                }
            }
            for use in withheld {
                for other in open {
                    found.append(.error(at: use.location,
                                        "the file \"\(use.path)\" of this \(describe(use.openType)) dataset is also a resource of the open dataset "
                                        + "\"\(other.title)\" (\(other.location)), which would publish it",
                                        code: "resource.shared-file",
                                        hint: "give the open dataset a file of its own with only what may be published"))
                }
            }
        }
        return found
    }

    private static func describe(_ type: OpenType) -> String {
        type == .closed ? "closed (不予开放)" : "conditional (有条件开放)"
    }

    /// `device:inode` of the file a path leads to (links followed).
    private static func identity(_ url: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path),
              let device = (attributes[.systemNumber] as? NSNumber)?.uint64Value,
              let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value else { return nil }
        return "\(device):\(inode)"
    }
}
