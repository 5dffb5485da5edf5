//! The PostgreSQL backend (cargo feature `postgres`, on by default).
//!
//! [`connect`] turns a `postgres://` URL and the `[store]` config into a [`connect::PgTarget`]
//! (hosts, user, database, where the password comes from, the TLS rules) and opens
//! connections with the session limits every twofa connection carries.

// Until the backend uses all of it (issue 11), parts are only reached from tests.
#[allow(dead_code)]
pub(crate) mod connect;

#[cfg(test)]
mod tests;
