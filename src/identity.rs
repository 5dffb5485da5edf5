//! Who is running `twofa self ...`: the invoking user, told by the kernel and sudo, never
//! by `$USER` or `$LOGNAME` (which anyone can set).
//!
//! - Real uid 0 and a non-empty `SUDO_USER`: the user is `SUDO_USER`. Only root can start a
//!   process with real uid 0, and sudo sets `SUDO_USER` itself to the user who ran it, so a
//!   user cannot name someone else there.
//! - Otherwise: the name of the real uid in `/etc/passwd`.
//!
//! The name is read from `/etc/passwd` rather than through the C library's `getpwuid`: that
//! needs no `unsafe`, loads no NSS modules into a process that may run as root, and works the
//! same in the statically linked build (where glibc's NSS would need the shared libraries of
//! the very glibc it was linked with). Users that exist only in a directory (LDAP, SSSD)
//! therefore have no name here; they reach self-service through sudo, where `SUDO_USER`
//! names them and no lookup happens.

use std::ffi::OsStr;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Username;

/// The password database read for the real uid's name.
pub const PASSWD: &str = "/etc/passwd";

/// The user running self-service, and how the process runs.
#[derive(Debug, Clone)]
pub struct Invoker {
    /// The user self-service acts on.
    pub username: Username,
    /// The name came from `SUDO_USER` (the process runs as root on the user's behalf).
    pub via_sudo: bool,
    /// The process has root's powers (real or effective uid 0, or set-uid). Such a process
    /// must take nothing from its caller that says where to read or write.
    pub privileged: bool,
}

/// The invoking user of this process (see the module documentation for the rules).
pub fn invoking_user() -> Result<Invoker> {
    let uid = rustix::process::getuid().as_raw();
    let euid = rustix::process::geteuid().as_raw();
    let sudo_user = std::env::var_os("SUDO_USER");
    let (name, via_sudo) = identify(uid, sudo_user.as_deref(), |uid| {
        passwd_name(Path::new(PASSWD), uid)
    })?;
    let username = Username::new(&name).map_err(|e| {
        Error::Usage(format!(
            "your user name {name:?} cannot be a twofa user name: {e}"
        ))
    })?;
    Ok(Invoker {
        username,
        via_sudo,
        privileged: uid == 0 || euid == 0 || uid != euid,
    })
}

/// The rules, apart from the process: `(name, via_sudo)` for real uid `uid`, the value of
/// `SUDO_USER`, and a way to look a uid's name up.
pub(crate) fn identify(
    uid: u32,
    sudo_user: Option<&OsStr>,
    lookup: impl FnOnce(u32) -> Result<String>,
) -> Result<(String, bool)> {
    if uid == 0
        && let Some(sudo_user) = sudo_user.filter(|s| !s.is_empty())
    {
        let name = sudo_user.to_str().ok_or_else(|| {
            Error::Usage("SUDO_USER is not valid UTF-8: it cannot be a twofa user name".into())
        })?;
        return Ok((name.to_string(), true));
    }
    Ok((lookup(uid)?, false))
}

/// The name of `uid` in a passwd file: the first entry with that uid, as `getpwuid` finds
/// it in the `files` source. Comments and NIS compat lines (`+`, `-`) are skipped.
pub(crate) fn passwd_name(path: &Path, uid: u32) -> Result<String> {
    let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    find_uid(&text, uid).ok_or_else(|| {
        Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "no entry for uid {uid}, so twofa cannot tell who you are (directory users reach self-service through sudo)"
                ),
            ),
        )
    })
}

fn find_uid(text: &[u8], uid: u32) -> Option<String> {
    text.split(|&b| b == b'\n').find_map(|line| {
        if line.is_empty() || matches!(line[0], b'#' | b'+' | b'-') {
            return None;
        }
        let mut fields = line.split(|&b| b == b':');
        let name = fields.next()?;
        let _password = fields.next()?;
        let line_uid: u32 = std::str::from_utf8(fields.next()?).ok()?.parse().ok()?;
        (line_uid == uid && !name.is_empty())
            .then(|| String::from_utf8(name.to_vec()).ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: u32) -> Result<String> {
        panic!("the uid's name was looked up")
    }

    fn named(name: &'static str) -> impl FnOnce(u32) -> Result<String> {
        move |_| Ok(name.to_string())
    }

    #[test]
    fn root_with_sudo_user_is_the_sudo_user() {
        let (name, sudo) = identify(0, Some(OsStr::new("alice")), never).unwrap();
        assert_eq!((name.as_str(), sudo), ("alice", true));
    }

    #[test]
    fn sudo_user_is_ignored_unless_the_real_uid_is_root() {
        let (name, sudo) = identify(1000, Some(OsStr::new("root")), named("bob")).unwrap();
        assert_eq!((name.as_str(), sudo), ("bob", false));
    }

    #[test]
    fn root_without_sudo_user_is_root_by_its_passwd_name() {
        for sudo_user in [None, Some(OsStr::new(""))] {
            let (name, sudo) = identify(0, sudo_user, named("root")).unwrap();
            assert_eq!((name.as_str(), sudo), ("root", false));
        }
    }

    #[test]
    fn passwd_lookup_takes_the_first_entry_and_skips_junk() {
        let text =
            b"# comment\n+nis::::::\nroot:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n\
broken line\nbad:x:notanumber:1::/:/bin/sh\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\n\
alias:x:1000:1000::/home/alice:/bin/bash";
        assert_eq!(find_uid(text, 0).as_deref(), Some("root"));
        assert_eq!(find_uid(text, 1000).as_deref(), Some("alice"));
        assert_eq!(find_uid(text, 1001), None);
    }

    #[test]
    fn a_missing_uid_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("passwd");
        std::fs::write(&path, "root:x:0:0::/root:/bin/sh\n").unwrap();
        let e = passwd_name(&path, 4242).unwrap_err();
        assert_eq!(e.exit_code(), 6);
        assert!(e.to_string().contains("uid 4242"), "{e}");
    }
}
