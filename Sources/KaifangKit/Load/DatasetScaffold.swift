import Foundation

/// The text of a new dataset file with every field, for `kaifang new dataset`.
public enum DatasetScaffold {
    /// A slug from a title: Latin letters of the title (Chinese transliterated to pinyin where the system can).
    public static func slug(for title: String) -> String {
        let slug = Slug.fromTitle(title)
        return slug.unicodeScalars.allSatisfy({ $0.isASCII }) && slug != "dataset" ? slug : "new-dataset"
    }

    public static func text(title: String, organization: String?, today: Day) -> String {
        """
        ---
        id: ""                     # 信息资源代码: unique resource code, e.g. 370000-JTT-000123
        title: \(ImportYAML.quoted(title))
        organization: \(organization ?? "\"\"")            # 信息资源提供方: a file name in organizations/ without .md
        themes: []                 # 信息资源分类: theme slugs from site.yaml
        keywords: []
        open_type: open            # open 无条件开放 | conditional 有条件开放 | closed 不予开放
        share_type: unconditional  # unconditional 无条件共享 | conditional 有条件共享 | none 不予共享
        update_frequency: monthly  # realtime daily weekly monthly quarterly semiannual yearly biennial irregular
        issued: \(today)
        modified: \(today)
        license: CC-BY-4.0
        contact:
          name: ""
          email: ""
          phone: ""
        spatial: ""
        temporal:
          start: \(today)
          end: \(today)
        resources:
          - name: ""
            format: CSV
            path: ""               # a file under Content/data/ (or replace with url: https://…)
            description: ""
            schema:
              - name: ""
                type: string       # string integer number boolean date
                description: ""
                unit: ""
        ---

        数据摘要：说明数据的内容、来源、范围和用途。

        """
    }
}
