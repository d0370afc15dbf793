import Foundation

/// Formats diagnostics for people (`path:line:column: error: message`), for
/// tools (JSON lines) and for GitHub Actions annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github
}

public struct DiagnosticPrinter: Sendable {
    public var format: DiagnosticFormat

    public init(format: DiagnosticFormat = .text) { self.format = format }

    public func render(_ diagnostic: Diagnostic) -> String {
        let d = diagnostic
        switch format {
        case .text:
            var text = "\(d.location): \(d.severity.rawValue): \(d.message) [\(d.code)]"
            if let hint = d.hint { text += "\n  hint: \(hint)" }
            return text
        case .json:
            var object: [String: Any] = [
                "file": d.location.file, "line": d.location.line, "column": d.location.column,
                "severity": d.severity.rawValue, "message": d.message, "code": d.code,
            ]
            if let hint = d.hint { object["hint"] = hint }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .github:
            let message = ([d.message] + (d.hint.map { ["hint: \($0)"] } ?? []))
                .joined(separator: "\n")
            // GitHub's annotation levels are error, warning and notice.
            let level = d.severity == .note ? "notice" : d.severity.rawValue
            return "::\(level) file=\(escapeProperty(d.location.file)),line=\(d.location.line),col=\(d.location.column),title=\(escapeProperty(d.code))::\(escapeData(message))"
        }
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    private func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
