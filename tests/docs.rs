//! SCHEME.md is generated from the scheme format; this test fails when the
//! committed copy is stale. Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.

#[test]
fn scheme_reference_is_up_to_date() {
    let generated = reassure::docs::scheme_reference();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/SCHEME.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).expect("write SCHEME.md");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "SCHEME.md is out of date: run `UPDATE_DOCS=1 cargo test --test docs` and commit it"
    );
}

#[test]
fn every_scheme_field_is_documented_with_an_example() {
    fn walk(fields: &[reassure::schema::Field], path: &str) {
        for f in fields {
            let full = if path.is_empty() {
                f.name.to_owned()
            } else {
                format!("{path}.{}", f.name)
            };
            assert!(!f.doc.trim().is_empty(), "`{full}` has no documentation");
            assert!(!f.example.trim().is_empty(), "`{full}` has no example");
            if let reassure::schema::Kind::Table(inner) | reassure::schema::Kind::Tables(inner) = f.kind.resolve() {
                walk(inner, &full);
            }
        }
    }
    walk(reassure::scheme::format::SCHEME_FORMAT, "");
}

/// The checklist authors' guide lists every operator of the rule table with
/// the keys it takes, so a new rule kind cannot ship undocumented.
#[test]
fn the_checklist_guide_documents_every_operator_and_its_keys() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/checklists/README.md")).unwrap();
    for op in reassure::rule::operator::OPERATORS {
        let name = op.field.name;
        let row = guide
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`{name} = ")))
            .unwrap_or_else(|| panic!("checklists/README.md has no row for the `{name}` operator"));
        let keys = row.trim_end_matches('|').rsplit('|').next().unwrap_or_default();
        for key in op.takes {
            assert!(
                keys.contains(&format!("`{key}`")),
                "the `{name}` row does not list `{key}`: {row}"
            );
        }
    }
}
