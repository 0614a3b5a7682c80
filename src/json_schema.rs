//! The JSON Schemas reassure publishes: the scheme file format, built from
//! the same field descriptions the validator uses (so TOML editors such as
//! Taplo complete and check scheme files), and the JSON report, derived
//! from the report's own types.

use serde_json::{Map, Value, json};

use crate::report::Report;
use crate::schema::{Field, Kind};
use crate::scheme::format::SCHEME_FORMAT;

/// The scheme format as a JSON Schema (draft 2020-12), pretty-printed.
pub fn scheme_schema() -> String {
    format_schema(
        SCHEME_FORMAT,
        "reassure scheme file, format version 1",
        "A service-reconfiguration scheme for reassure to assess. Dates are TOML local dates. \
         Generated from reassure's scheme format; see SCHEME.md.",
    )
}

/// The project configuration file (`.reassure.toml`) as a JSON Schema.
pub fn config_schema() -> String {
    format_schema(
        crate::config::CONFIG_FORMAT,
        "reassure project configuration (.reassure.toml)",
        "Settings a team shares, found by walking up from a scheme file. Flags and REASSURE_* \
         environment variables override them; `reassure config` shows where each came from.",
    )
}

fn format_schema(fields: &[crate::schema::Field], title: &str, description: &str) -> String {
    let mut root = table(fields, 0);
    let object = root.as_object_mut().expect("a table is an object");
    let mut head = Map::new();
    head.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    head.insert("title".into(), json!(title));
    head.insert("description".into(), json!(description));
    head.append(object);
    pretty(&Value::Object(head))
}

/// The JSON report (`check --format json`) as a JSON Schema, pretty-printed.
pub fn report_schema() -> String {
    let mut schema = crate::report::json::value(&schemars::schema_for!(Report<'static>));
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "title".into(),
            json!(format!(
                "reassure JSON report, format version {}",
                crate::report::REPORT_FORMAT_VERSION
            )),
        );
    }
    pin_format_version(&mut schema);
    close_objects(&mut schema);
    pretty(&schema)
}

/// The JSON of `reassure diff --format json` as a JSON Schema.
pub fn diff_schema() -> String {
    let mut schema = crate::report::json::value(&schemars::schema_for!(crate::report::diff::DiffReport<'static>));
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "title".into(),
            json!(format!(
                "reassure JSON diff of two scheme versions, format version {}",
                crate::report::REPORT_FORMAT_VERSION
            )),
        );
    }
    pin_format_version(&mut schema);
    close_objects(&mut schema);
    pretty(&schema)
}

/// The layout version as a constant: a report of another version does not
/// validate, so a consumer notices the change instead of misreading it.
fn pin_format_version(schema: &mut Value) {
    if let Some(property) = schema.pointer_mut("/properties/format_version") {
        *property = json!({
            "description": "The version of this layout; bumped on any incompatible change.",
            "const": crate::report::REPORT_FORMAT_VERSION,
        });
    }
}

/// The JSON portfolio report (`check DIR --format json`) as a JSON Schema.
pub fn portfolio_schema() -> String {
    let mut schema = crate::report::json::value(&schemars::schema_for!(crate::report::json::PortfolioReport<'static>));
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "title".into(),
            json!(format!(
                "reassure JSON portfolio report, format version {}",
                crate::report::REPORT_FORMAT_VERSION
            )),
        );
    }
    pin_format_version(&mut schema);
    close_objects(&mut schema);
    pretty(&schema)
}

/// Marks every object the report describes as closed: the layout is
/// versioned, so a field the schema does not name is a bug to catch, not an
/// extension to allow.
fn close_objects(schema: &mut Value) {
    let mut open = Vec::new();
    combined_refs(schema, false, &mut open);
    close(schema, &open);
}

/// Definitions used as a piece of a combined object (a flattened enum):
/// closing one would make it refuse the other pieces' fields.
fn combined_refs(schema: &Value, inside: bool, found: &mut Vec<String>) {
    match schema {
        Value::Object(object) => {
            // A reference merged with fields of its own is a piece; a bare
            // reference (an optional value) stays closed.
            if inside
                && object.contains_key("properties")
                && let Some(Value::String(target)) = object.get("$ref")
            {
                found.push(target.trim_start_matches("#/$defs/").to_owned());
            }
            for (key, value) in object {
                let combining = matches!(key.as_str(), "oneOf" | "anyOf" | "allOf");
                combined_refs(value, inside || combining, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| combined_refs(item, inside, found)),
        _ => {}
    }
}

fn close(schema: &mut Value, open: &[String]) {
    match schema {
        Value::Object(object) => {
            let combined = ["oneOf", "anyOf", "allOf"].iter().any(|k| object.contains_key(*k));
            if combined {
                return;
            }
            if object.contains_key("properties") && !object.contains_key("additionalProperties") {
                object.insert("additionalProperties".into(), json!(false));
            }
            for (key, value) in object.iter_mut() {
                if key == "$defs"
                    && let Value::Object(defs) = value
                {
                    for (name, def) in defs.iter_mut() {
                        if !open.contains(name) {
                            close(def, open);
                        }
                    }
                } else {
                    close(value, open);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| close(item, open)),
        _ => {}
    }
}

fn pretty(value: &Value) -> String {
    crate::report::json::pretty(value)
}

/// Deep enough for every format reassure has; a self-nesting kind stops
/// here as "any value" rather than recursing for ever.
const MAX_DEPTH: usize = 16;

fn table(fields: &[Field], depth: usize) -> Value {
    let mut properties = Map::new();
    for field in fields {
        let mut schema = kind(&field.kind, depth + 1);
        if let Some(object) = schema.as_object_mut() {
            object.insert("description".into(), json!(field.doc));
        }
        properties.insert(field.name.into(), schema);
    }
    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name).collect();
    let mut object = Map::new();
    object.insert("type".into(), json!("object"));
    object.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        object.insert("required".into(), json!(required));
    }
    // Unknown keys are errors in reassure, so editors should flag them too.
    object.insert("additionalProperties".into(), json!(false));
    Value::Object(object)
}

fn kind(kind: &Kind, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return json!({});
    }
    match kind {
        Kind::Text => json!({ "type": "string" }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Date => json!({ "type": "string", "format": "date" }),
        Kind::EventDate => json!({ "anyOf": [
            { "type": "string", "format": "date" },
            { "type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$" },
            { "const": "done" },
        ] }),
        Kind::Integer { min, max } => {
            let mut schema = json!({ "type": "integer" });
            if *min != i64::MIN {
                schema["minimum"] = json!(min);
            }
            if *max != i64::MAX {
                schema["maximum"] = json!(max);
            }
            schema
        }
        Kind::Number { min, max } => {
            let mut schema = json!({ "type": "number" });
            if min.is_finite() {
                schema["minimum"] = json!(min);
            }
            if max.is_finite() {
                schema["maximum"] = json!(max);
            }
            schema
        }
        Kind::Choice(choices) => json!({ "type": "string", "enum": choices }),
        Kind::Scalar => json!({ "type": ["string", "number", "boolean"] }),
        Kind::List(item) => json!({ "type": "array", "items": self::kind(item, depth + 1) }),
        Kind::Table(fields) => table(fields, depth),
        Kind::Map(value) => json!({ "type": "object", "additionalProperties": self::kind(value, depth + 1) }),
        Kind::Tables(fields) => json!({ "type": "array", "items": table(fields, depth + 1) }),
        Kind::Nested(resolve) => self::kind(resolve(), depth + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_json_schema_types() {
        assert_eq!(kind(&Kind::Date, 0), json!({ "type": "string", "format": "date" }));
        assert_eq!(
            kind(&Kind::Number { min: 0.0, max: 100.0 }, 0),
            json!({ "type": "number", "minimum": 0.0, "maximum": 100.0 })
        );
        assert_eq!(
            kind(&Kind::Integer { min: 0, max: i64::MAX }, 0),
            json!({ "type": "integer", "minimum": 0 })
        );
        assert_eq!(
            kind(&Kind::Choice(&["a", "b"]), 0),
            json!({ "type": "string", "enum": ["a", "b"] })
        );
    }

    #[test]
    fn the_scheme_schema_requires_what_the_format_requires() {
        let schema: Value = serde_json::from_str(&scheme_schema()).unwrap();
        assert_eq!(
            schema["required"],
            json!(["format_version", "as_of", "stage", "scheme"])
        );
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(schema["properties"]["as_of"]["format"], "date");
        // An event's date may be partial: a year and month, a year, or done.
        let start = &schema["properties"]["consultation"]["properties"]["start"]["anyOf"];
        assert_eq!(start[0]["format"], "date");
        assert_eq!(start[1]["pattern"], "^[0-9]{4}(-(0[1-9]|1[0-2]))?$");
        assert_eq!(start[2]["const"], "done");
    }
}
