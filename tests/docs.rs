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
