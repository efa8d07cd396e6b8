//! What the PostgreSQL tests share: a fresh database on the server
//! `.ci/run` starts (`COURTESY_TEST_PG`), one per test.

/// A fresh database on the test server, and its URL.
pub fn database() -> String {
    let admin = std::env::var("COURTESY_TEST_PG").expect(
        "COURTESY_TEST_PG names the PostgreSQL server these tests need (.ci/run starts one)",
    );
    let name = format!("courtesy_{}", courtesy_records::new_id().replace('-', ""));
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}
