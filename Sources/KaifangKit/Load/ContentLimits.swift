import Foundation

/// How big one content file and the values in it may be.
///
/// Two kinds of limit:
/// - hard limits protect the machine (memory, stack, time). Past one, the
///   file is not read any further and the build stops with an error. They
///   are checked on libyaml's event stream before any tree is built.
/// - size warnings catch content that is legal but almost certainly a
///   mistake (a 20 MB description, a million keywords): it would be copied
///   into every page and export that shows it, so the publisher is told its
///   size. `--strict` makes them errors.
///
/// Every limit can be changed in `site.yaml` under `limits:`; `site.yaml`
/// itself is always read with the defaults, since its limits are not known
/// before it is read.
public struct ContentLimits: Sendable, Equatable {
    // Hard limits (errors).
    /// Bytes of one `.md` file of datasets/, organizations/ or pages/.
    public var fileBytes = 64 * 1024 * 1024
    /// Bytes of `catalog.csv`, which holds the whole catalogue.
    public var catalogBytes = 1024 * 1024 * 1024
    /// The YAML limits: one value, one list, nesting, values per file.
    public var yaml = YAMLLimits()

    // Size warnings.
    /// Bytes of one description (the Markdown body, or `description:`).
    public var descriptionBytes = 256 * 1024
    /// Keywords of one dataset.
    public var keywords = 100
    /// Resources of one dataset.
    public var resources = 200

    // Build-time drawing.
    /// Bytes of one GeoJSON or CSV file read to draw its map; a larger file
    /// is published as usual but gets no map (a note says so).
    public var mapBytes = 16 * 1024 * 1024

    public init() {}

    /// The defaults, which also apply to `site.yaml` itself.
    public static let defaults = ContentLimits()

    /// The keys of `limits:` in site.yaml, their meaning and their bounds:
    /// a value outside the bounds is an error (SiteDecoder reports it) and
    /// the default is used.
    struct Key: @unchecked Sendable {  // key paths are immutable values
        let name: String
        let range: ClosedRange<Int>
        let keyPath: WritableKeyPath<ContentLimits, Int>
    }

    static let keys: [Key] = [
        Key(name: "file_bytes", range: 1_024...1_073_741_824, keyPath: \.fileBytes),
        Key(name: "catalog_bytes", range: 1_024...4_294_967_296, keyPath: \.catalogBytes),
        Key(name: "value_bytes", range: 1_024...1_073_741_824, keyPath: \.yaml.valueBytes),
        Key(name: "list_items", range: 10...100_000_000, keyPath: \.yaml.listItems),
        Key(name: "values", range: 100...100_000_000, keyPath: \.yaml.values),
        Key(name: "nesting", range: 4...200, keyPath: \.yaml.nesting),
        Key(name: "description_bytes", range: 100...1_073_741_824, keyPath: \.descriptionBytes),
        Key(name: "keywords", range: 1...100_000_000, keyPath: \.keywords),
        Key(name: "resources", range: 1...100_000_000, keyPath: \.resources),
        Key(name: "map_bytes", range: 1_024...1_073_741_824, keyPath: \.mapBytes),
    ]

    /// The limits `site.yaml` sets, read leniently: anything missing or
    /// invalid keeps its default (and is reported by `SiteDecoder`).
    public init(site: YAMLNode?) {
        self.init()
        guard let node = site?["limits"], node.entries != nil else { return }
        for key in Self.keys {
            if let value = Self.value(node[key.name], key: key) { self[keyPath: key.keyPath] = value }
        }
    }

    static func value(_ node: YAMLNode?, key: Key) -> Int? {
        guard let text = node?.scalar?.trimmedWhitespace.replacingOccurrences(of: "_", with: ""),
              let value = Int(text), key.range.contains(value) else { return nil }
        return value
    }

    /// `1536` → `1.5 KiB`, for messages.
    static func bytes(_ count: Int) -> String {
        if count < 10 * 1024 { return "\(count) bytes" }  // exact near small limits, where 1.0 KiB could be either side
        let units = ["KiB", "MiB", "GiB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }
}

/// The hard limits on one YAML text (front matter, site.yaml, an i18n file).
public struct YAMLLimits: Sendable, Equatable {
    /// Bytes of one scalar value.
    public var valueBytes = 32 * 1024 * 1024
    /// Items of one list, or fields of one mapping.
    public var listItems = 1_100_000
    /// Values (scalars, lists, mappings) in the whole text.
    public var values = 1_500_000
    /// Lists and mappings inside each other.
    public var nesting = 32

    public init() {}
}
