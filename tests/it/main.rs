//! The integration tests: one binary, each module a story about one part of twofa.
//! Every test gets its own folder and a clean environment from `util::TestEnv`.

mod util;

mod audit;
mod bad_input;
#[cfg(feature = "serve")]
mod browser;
mod bulk;
mod check;
mod email;
mod enroll;
mod example;
mod fleet;
mod generated;
mod hardening;
mod holes;
mod hooks;
mod hotp;
#[cfg(feature = "serve")]
mod http;
mod interop;
mod json_contract;
mod keyring;
mod lockout;
mod login;
mod migrate;
mod operations;
mod pam;
mod peers;
mod pg;
mod policy;
mod recovery;
#[cfg(feature = "serve")]
mod resident;
mod rollout;
mod security;
mod selfservice;
mod sms;
mod smtp;
mod storage;
mod tamper;
mod terminal;
mod vectors;
