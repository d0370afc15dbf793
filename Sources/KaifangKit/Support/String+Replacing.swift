extension String {
    /// Every `scalar` replaced by `replacement`, scalar by scalar: a quote
    /// followed by a combining mark is still a quote to a shell or a CSV
    /// reader, so it is replaced too. Without Foundation's
    /// `replacingOccurrences`, which copies the text through UTF-16 (it
    /// showed in profiles of the dataset pages).
    func replacingEvery(_ scalar: Unicode.Scalar, with replacement: String) -> String {
        let present = scalar.isASCII ? utf8.contains(UInt8(scalar.value)) : unicodeScalars.contains(scalar)
        guard present else { return self }
        var result = String.UnicodeScalarView()
        for each in unicodeScalars {
            if each == scalar { result.append(contentsOf: replacement.unicodeScalars) } else { result.append(each) }
        }
        return String(result)
    }
}
