/// The JSON Schema (draft 2020-12) of `catalog.json`, published at
/// `schema/catalog.schema.json` so developers can validate what they download
/// and generate types from it. Keep it in step with `CatalogJSONExporter`:
/// `CatalogJSONExporterTests` checks every key the exporter writes against it.
public enum CatalogJSONSchema {
    public static let text = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Kaifang catalog.json",
  "description": "The public datasets of an open-data portal built by Kaifang (open and conditional datasets; closed datasets are never published). Dates are YYYY-MM-DD; URLs are absolute.",
  "type": "object",
  "additionalProperties": false,
  "required": ["title", "description", "homepage", "language", "publisher", "issued", "modified", "dataset_count", "datasets"],
  "properties": {
    "title": {"type": "string"},
    "description": {"type": "string"},
    "homepage": {"type": "string", "format": "uri", "description": "The portal's base URL."},
    "language": {"type": "string", "description": "BCP 47 language tag of the metadata, e.g. zh-CN."},
    "publisher": {
      "type": "object",
      "additionalProperties": false,
      "required": ["name", "homepage", "email"],
      "properties": {
        "name": {"type": "string"},
        "homepage": {"type": ["string", "null"]},
        "email": {"type": ["string", "null"]}
      }
    },
    "issued": {"$ref": "#/$defs/optionalDate", "description": "The earliest issued date of any dataset."},
    "modified": {"$ref": "#/$defs/date", "description": "The day the catalogue is as of."},
    "dataset_count": {"type": "integer", "minimum": 0},
    "datasets": {"type": "array", "items": {"$ref": "#/$defs/dataset"}, "description": "Newest first."}
  },
  "$defs": {
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "optionalDate": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
    "optionalString": {"type": ["string", "null"]},
    "dataset": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "slug", "url", "title", "description", "description_text", "organization", "themes", "keywords", "open_type", "share_type", "update_frequency", "issued", "modified", "license", "contact", "spatial", "spatial_coverage", "temporal", "resources", "datapackage"],
      "properties": {
        "id": {"type": "string", "minLength": 1, "description": "Stable resource code, as in the national catalogue; unique in the catalogue."},
        "slug": {"type": "string", "minLength": 1},
        "url": {"type": "string", "format": "uri", "description": "The dataset page."},
        "title": {"type": "string"},
        "description": {"type": "string", "description": "Markdown, as the publisher wrote it."},
        "description_text": {"type": "string", "description": "The description as plain text."},
        "title_en": {"type": "string", "description": "The English title (title_en), when the publisher gave one."},
        "description_en": {"type": "string", "description": "The English description (description_en, Markdown), when the publisher gave one."},
        "organization": {
          "type": "object",
          "additionalProperties": false,
          "required": ["slug", "name", "code", "url"],
          "properties": {
            "slug": {"type": "string"},
            "name": {"$ref": "#/$defs/optionalString"},
            "code": {"$ref": "#/$defs/optionalString", "description": "Unified social credit code of the department."},
            "url": {"type": "string", "format": "uri"}
          }
        },
        "themes": {
          "type": "array",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["slug", "title"],
            "properties": {"slug": {"type": "string"}, "title": {"$ref": "#/$defs/optionalString"}}
          }
        },
        "keywords": {"type": "array", "items": {"type": "string"}},
        "open_type": {"enum": ["open", "conditional"]},
        "share_type": {"enum": ["unconditional", "conditional", "none", null]},
        "update_frequency": {"enum": ["realtime", "daily", "weekly", "monthly", "quarterly", "semiannual", "yearly", "biennial", "irregular", null]},
        "issued": {"$ref": "#/$defs/optionalDate"},
        "modified": {"$ref": "#/$defs/optionalDate"},
        "license": {
          "anyOf": [
            {"type": "null"},
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["id", "title", "url"],
              "properties": {
                "id": {"$ref": "#/$defs/optionalString", "description": "SPDX identifier, when known."},
                "title": {"type": "string"},
                "url": {"$ref": "#/$defs/optionalString"}
              }
            }
          ]
        },
        "contact": {
          "anyOf": [
            {"type": "null"},
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["name", "email", "phone"],
              "properties": {
                "name": {"$ref": "#/$defs/optionalString"},
                "email": {"$ref": "#/$defs/optionalString"},
                "phone": {"$ref": "#/$defs/optionalString"}
              }
            }
          ]
        },
        "spatial": {"$ref": "#/$defs/optionalString"},
        "source": {
          "type": "object", "additionalProperties": false, "required": ["name", "url"],
          "description": "For a dataset harvested from another portal (its source): that portal's name and the dataset's page there.",
          "properties": {"name": {"type": "string", "minLength": 1}, "url": {"anyOf": [{"type": "null"}, {"type": "string", "format": "uri"}]}}
        },
        "spatial_coverage": {
          "description": "The province-level administrative division `spatial` names (GB/T 2260 code), with a WGS 84 bounding box [west, south, east, north] and its centre [longitude, latitude] where known.",
          "anyOf": [
            {"type": "null"},
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["code", "name", "bbox", "centroid"],
              "properties": {
                "code": {"type": "string", "pattern": "^[0-9]{6}$"},
                "name": {"type": "string"},
                "bbox": {"anyOf": [{"type": "null"}, {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4}]},
                "centroid": {"anyOf": [{"type": "null"}, {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}]}
              }
            }
          ]
        },
        "temporal": {
          "anyOf": [
            {"type": "null"},
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["start", "end"],
              "properties": {"start": {"$ref": "#/$defs/optionalDate"}, "end": {"$ref": "#/$defs/optionalDate"}}
            }
          ]
        },
        "resources": {"type": "array", "items": {"$ref": "#/$defs/resource"}},
        "datapackage": {"type": "string", "format": "uri", "description": "The dataset's Frictionless Data Package."}
      }
    },
    "resource": {
      "type": "object",
      "additionalProperties": false,
      "required": ["name", "format", "media_type", "description", "download_url", "byte_size", "sha256", "schema"],
      "properties": {
        "name": {"type": "string"},
        "format": {"type": "string"},
        "media_type": {"type": "string"},
        "description": {"$ref": "#/$defs/optionalString"},
        "download_url": {"type": ["string", "null"], "description": "null for conditional datasets, whose data is given on approved application."},
        "byte_size": {"type": ["integer", "null"], "minimum": 0, "description": "Files published with the portal only."},
        "sha256": {"anyOf": [{"type": "null"}, {"type": "string", "pattern": "^[0-9a-f]{64}$"}]},
        "schema": {
          "type": "array",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "type", "description", "unit"],
            "properties": {
              "name": {"type": "string"},
              "type": {"type": "string"},
              "description": {"$ref": "#/$defs/optionalString"},
              "unit": {"$ref": "#/$defs/optionalString"}
            }
          }
        }
      }
    }
  }
}

"""#

    /// The schema of the share site's catalog.json: closed datasets may be
    /// listed (when they may be shared) and every record has the sharing
    /// fields of the national guideline. Made from the public schema, so the
    /// two cannot drift apart anywhere else.
    public static let shareText: String = {
        var text = Self.text
        let edits: [(String, String)] = [
            (##""description": "The public datasets of an open-data portal built by Kaifang (open and conditional datasets; closed datasets are never published). Dates are YYYY-MM-DD; URLs are absolute.""##,
             ##""description": "The datasets of a government information-sharing site built by Kaifang: those shared unconditionally or on conditions, including datasets closed to the public; datasets that may not be shared are never listed. Dates are YYYY-MM-DD; URLs are absolute.""##),
            (##""open_type", "share_type", "update_frequency""##, ##""open_type", "share_type", "share_condition", "share_method", "share_requirements", "update_frequency""##),
            (##""open_type": {"enum": ["open", "conditional"]},"##, ##""open_type": {"enum": ["open", "conditional", "closed"]},"##),
            (##""share_type": {"enum": ["unconditional", "conditional", "none", null]},"##,
             ##""share_type": {"enum": ["unconditional", "conditional"]},"## + "\n"
                + ##"        "share_condition": {"$ref": "#/$defs/optionalString", "description": "The sharing condition: what a requesting department must meet."},"## + "\n"
                + ##"        "share_method": {"enum": ["api", "file", "database-table", "other", null], "description": "The sharing method."},"## + "\n"
                + ##"        "share_requirements": {"$ref": "#/$defs/optionalString", "description": "The usage requirements: how a receiving department may use the data."},"##),
        ]
        for (from, to) in edits {
            precondition(text.contains(from), "the public catalog.json schema changed: update CatalogJSONSchema.shareText")
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text
    }()
}
