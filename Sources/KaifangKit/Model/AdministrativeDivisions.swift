import Foundation

/// China's province-level administrative divisions (GB/T 2260 codes), so a
/// dataset's `spatial` may be written as a code (`370000`) or a name
/// (`山东省`) and harvesters still get a place they can map: the code, the
/// standard name, and where known a bounding box (WGS 84, rounded outward
/// to 0.1°, so it always contains the division) whose centre serves as the
/// centroid.
///
/// Divisions whose published extent depends on a disputed or maritime
/// boundary carry no box: a wrong box on a government portal is worse than
/// none. Prefecture and county codes are not in the table; such a `spatial`
/// stays a label, as before.
public enum AdministrativeDivisions {
    public struct Division: Sendable, Hashable {
        public var code: String
        public var name: String
        /// West, south, east, north in degrees.
        public var bbox: [Double]?

        init(_ code: String, _ name: String, bbox: [Double]?) {
            self.code = code
            self.name = name
            self.bbox = bbox
        }

        /// The centre of the bounding box, longitude then latitude.
        public var centroid: [Double]? {
            guard let bbox else { return nil }
            return [((bbox[0] + bbox[2]) / 2 * 100).rounded() / 100, ((bbox[1] + bbox[3]) / 2 * 100).rounded() / 100]
        }
    }

    public static let provinces: [Division] = [
        Division("110000", "北京市", bbox: [115.4, 39.4, 117.6, 41.1]),
        Division("120000", "天津市", bbox: [116.7, 38.5, 118.1, 40.3]),
        Division("130000", "河北省", bbox: [113.4, 36.0, 119.9, 42.7]),
        Division("140000", "山西省", bbox: [110.2, 34.5, 114.6, 40.8]),
        Division("150000", "内蒙古自治区", bbox: [97.1, 37.4, 126.1, 53.4]),
        Division("210000", "辽宁省", bbox: [118.8, 38.7, 125.8, 43.5]),
        Division("220000", "吉林省", bbox: [121.6, 40.8, 131.4, 46.3]),
        Division("230000", "黑龙江省", bbox: [121.1, 43.4, 135.1, 53.6]),
        Division("310000", "上海市", bbox: [120.8, 30.6, 122.2, 31.9]),
        Division("320000", "江苏省", bbox: [116.3, 30.7, 122.0, 35.2]),
        Division("330000", "浙江省", bbox: [118.0, 27.0, 123.0, 31.2]),
        Division("340000", "安徽省", bbox: [114.8, 29.3, 119.7, 34.7]),
        Division("350000", "福建省", bbox: [115.8, 23.5, 120.8, 28.4]),
        Division("360000", "江西省", bbox: [113.5, 24.4, 118.5, 30.1]),
        Division("370000", "山东省", bbox: [114.8, 34.3, 122.8, 38.4]),
        Division("410000", "河南省", bbox: [110.3, 31.3, 116.7, 36.4]),
        Division("420000", "湖北省", bbox: [108.3, 29.0, 116.2, 33.3]),
        Division("430000", "湖南省", bbox: [108.7, 24.6, 114.3, 30.2]),
        Division("440000", "广东省", bbox: nil),
        Division("450000", "广西壮族自治区", bbox: nil),
        Division("460000", "海南省", bbox: nil),
        Division("500000", "重庆市", bbox: [105.2, 28.1, 110.2, 32.3]),
        Division("510000", "四川省", bbox: [97.3, 26.0, 108.6, 34.4]),
        Division("520000", "贵州省", bbox: [103.6, 24.6, 109.6, 29.3]),
        Division("530000", "云南省", bbox: nil),
        Division("540000", "西藏自治区", bbox: nil),
        Division("610000", "陕西省", bbox: [105.4, 31.7, 111.3, 39.6]),
        Division("620000", "甘肃省", bbox: [92.3, 32.5, 108.8, 42.8]),
        Division("630000", "青海省", bbox: [89.4, 31.5, 103.1, 39.3]),
        Division("640000", "宁夏回族自治区", bbox: [104.2, 35.2, 107.7, 39.4]),
        Division("650000", "新疆维吾尔自治区", bbox: nil),
        Division("710000", "台湾省", bbox: nil),
        Division("810000", "香港特别行政区", bbox: nil),
        Division("820000", "澳门特别行政区", bbox: nil),
    ]

    private static let byKey: [String: Division] = {
        var index: [String: Division] = [:]
        for division in provinces {
            index[division.code] = division
            index[division.name] = division
        }
        return index
    }()

    /// The division a `spatial` value names, by code or by standard name.
    public static func division(_ spatial: String?) -> Division? {
        guard let key = spatial?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        return byKey[key]
    }
}
