//! Reading and checking the audit log.

use super::Twofa;
use crate::audit::{AuditEntry, AuditVerification};
use crate::error::Result;
use crate::store::AuditFilter;

impl Twofa {
    /// Audit rows, newest first, filtered by user, action (`verify` also matches
    /// `verify.*`), time and count.
    pub fn audit_list(
        &self,
        username: Option<&str>,
        action: Option<&str>,
        since: Option<i64>,
        limit: Option<u64>,
    ) -> Result<Vec<AuditEntry>> {
        let filter = AuditFilter {
            username: username.map(str::to_string),
            action: action.map(str::to_string),
            since,
            limit,
        };
        self.store().read(|tx| tx.audit_list(&filter))
    }

    /// Check the hash chain from the first row to the last.
    pub fn audit_verify(&self) -> Result<AuditVerification> {
        self.store().read(|tx| tx.audit_verify())
    }
}
