//! The PAM fast path: a Unix socket's `POST /v1/pam` answered on the thread that accepted it.
//!
//! A login through `twofa-pam` is one short request on a fresh connection to a service that
//! is usually idle. On the async path that request crosses four threads (the runtime's
//! accept, its connection task, a worker, the runtime again), and waking an idle thread
//! costs tens of microseconds on a VM: more than the check itself. So each Unix socket has a
//! plain thread of its own, which owns a [`Twofa`] (a connection of its own, as a worker
//! has) and blocks in `accept`: the kernel wakes it, it reads the request, makes the check,
//! writes the answer and closes. Nothing else changes: the same check and audit record
//! ([`PamCheck`]), the same answer, metrics and log line as on the async path.
//!
//! Only a plain request takes this path: from a peer that may use the route (see
//! [`super::pam::peer_allowed`]), already whole in the socket when it is looked at,
//! `POST /v1/pam HTTP/1.1` with `Connection: close`, a `Content-Length` within the limit and
//! no header beyond the few `twofa-pam` and curl send. Any other connection is handed, unread
//! (the request is only peeked at), to the async server, which serves it as it would have.

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use tokio::sync::mpsc::UnboundedSender;
use zeroize::Zeroize;

use super::pam::{PamCheck, peer_allowed};
use super::routes::Reply;
use super::{App, Outcome, access_log, unix_peer};
use crate::api::Twofa;
use crate::hooks::Event;

/// The most checks one commit covers (as the workers' group commit).
const BATCH: usize = 64;

/// How long a connection from an allowed peer may take to send its request before it is
/// handed to the async server instead (`twofa-pam` writes it right after connecting).
const FIRST_BYTES: Duration = Duration::from_millis(50);

/// The most of a request's head this path reads; a longer one is the async server's.
const HEAD_MAX: usize = 4096;

/// A connection for the async server, with its peer's uid.
pub(crate) type HandOver = UnboundedSender<(UnixStream, Option<u32>)>;

/// The thread of one Unix socket.
pub(crate) struct FastPath {
    /// Closed to tell the thread to stop.
    stop: UnixStream,
    thread: JoinHandle<()>,
}

impl FastPath {
    /// Accept on `listener` until [`FastPath::stop`], with `twofa` (opened with deferred
    /// hooks, whose events go to `events`).
    pub(crate) fn start(
        listener: UnixListener,
        twofa: Twofa,
        app: Arc<App>,
        events: std::sync::mpsc::Sender<Vec<Event>>,
        hand_over: HandOver,
    ) -> std::io::Result<FastPath> {
        let (stop, stopped) = UnixStream::pair()?;
        listener.set_nonblocking(true)?;
        let mut fast = Fast {
            twofa,
            app,
            events,
            hand_over,
            buf: vec![0; HEAD_MAX],
        };
        let thread = std::thread::Builder::new()
            .name("twofa-pam".into())
            .spawn(move || {
                use rustix::event::{PollFd, PollFlags, poll};
                loop {
                    let mut fds = [
                        PollFd::new(&listener, PollFlags::IN),
                        PollFd::new(&stopped, PollFlags::IN),
                    ];
                    if poll(&mut fds, None).is_err() {
                        // EINTR, or out of memory: wait a little rather than spin.
                        std::thread::sleep(Duration::from_millis(1));
                        continue;
                    }
                    let stopping = !fds[1].revents().is_empty();
                    // Every connection waiting, those of a stop too: a request queued when
                    // the service was told to stop is answered, not dropped.
                    let mut taken = Vec::new();
                    loop {
                        match listener.accept() {
                            Ok((stream, _)) => {
                                if stream.set_nonblocking(false).is_ok()
                                    && let Some(t) = fast.take(stream)
                                {
                                    taken.push(t);
                                    if taken.len() == BATCH {
                                        fast.answer(std::mem::take(&mut taken));
                                    }
                                }
                            }
                            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                            // Out of file descriptors and the like: wait a little.
                            Err(_) => {
                                std::thread::sleep(Duration::from_millis(50));
                                break;
                            }
                        }
                    }
                    fast.answer(taken);
                    if stopping {
                        break;
                    }
                }
            })?;
        Ok(FastPath { stop, thread })
    }

    /// Finish the request in hand and those queued, and end the thread (its `Twofa` is
    /// closed there).
    pub(crate) fn stop(self) {
        drop(self.stop);
        let _ = self.thread.join();
    }
}

struct Fast {
    twofa: Twofa,
    app: Arc<App>,
    events: std::sync::mpsc::Sender<Vec<Event>>,
    hand_over: HandOver,
    buf: Vec<u8>,
}

/// A connection whose request was taken off it.
struct Taken {
    stream: UnixStream,
    uid: Option<u32>,
    started: Instant,
}

impl Fast {
    /// Read `stream`'s request if it is this path's (see the module's docs): the check it
    /// asks for, or the answer it gets unchecked. Otherwise hand the connection over, or
    /// drop it if it closed without a word.
    fn take(&mut self, mut stream: UnixStream) -> Option<(Taken, Result<PamCheck, Reply>)> {
        let uid = rustix::net::sockopt::socket_peercred(&stream)
            .ok()
            .map(|c| c.uid.as_raw());
        if !peer_allowed(uid) {
            let _ = self.hand_over.send((stream, uid));
            return None;
        }
        let started = Instant::now();
        let _ = stream.set_read_timeout(Some(FIRST_BYTES));
        let want = HEAD_MAX + self.app.max_body;
        if self.buf.len() < want {
            self.buf.resize(want, 0);
        }
        let peeked = rustix::net::recv(&stream, &mut self.buf[..], rustix::net::RecvFlags::PEEK);
        let seen = match peeked {
            Ok((0, _)) => return None,
            Ok((n, _)) => n,
            Err(_) => {
                let _ = self.hand_over.send((stream, uid));
                return None;
            }
        };
        // A full buffer may not be all of it.
        let request = (seen < want)
            .then(|| plain_request(&self.buf[..seen], self.app.max_body))
            .flatten();
        let Some(request) = request else {
            let _ = self.hand_over.send((stream, uid));
            return None;
        };
        // Take the request off the socket (it was only peeked at: the same bytes again).
        let (length, body) = (request.length, request.body.clone());
        let content_type = request.content_type.map(str::to_owned);
        let read = stream.read_exact(&mut self.buf[..length]);
        let check = PamCheck::new(&self.app, content_type.as_deref(), &self.buf[body]);
        self.buf[..seen].zeroize();
        read.ok()?;
        let taken = Taken {
            stream,
            uid,
            started,
        };
        Some((taken, check))
    }

    /// Run the checks of `taken` and answer each. Several at once share one commit (on
    /// SQLite), each in a savepoint of its own, as the workers' group commit does (see
    /// `pool`): no answer is written before that commit, and if it fails every check of it
    /// is answered 503, nothing of it having happened.
    fn answer(&mut self, taken: Vec<(Taken, Result<PamCheck, Reply>)>) {
        let checks = taken.iter().filter(|(_, c)| c.is_ok()).count();
        let batched = checks > 1 && matches!(self.twofa.store().begin_batch(), Ok(true));
        let mut answers: Vec<(Taken, bool, Reply, Outcome)> = taken
            .into_iter()
            .map(|(t, check)| match check {
                Ok(check) => {
                    let outcome = check.outcome();
                    (t, true, self.run(check), outcome)
                }
                Err(reply) => (t, false, reply, Outcome::default()),
            })
            .collect();
        let committed = !batched || self.twofa.store().finish_batch(true).is_ok();
        let held = self.twofa.take_held_events();
        for (t, checked, reply, outcome) in &mut answers {
            if *checked && !committed {
                *reply = Reply::uncommitted();
            }
            let now = crate::clock::Clock::now(&crate::clock::SystemClock);
            let took = t.started.elapsed();
            self.app.metrics.request(reply.status.as_u16(), took);
            access_log(
                now,
                &unix_peer(t.uid).1,
                "POST",
                "/v1/pam",
                reply.status.as_u16(),
                took,
                outcome.actor.as_deref(),
            );
            let _ = t.stream.write_all(&response(reply, now));
        }
        drop(answers);
        // The answers have gone; now the hooks the checks' changes held back.
        if committed && !held.is_empty() {
            let _ = self.events.send(held);
        }
    }

    /// One check; a panic in it is this request's 500, not the thread's end.
    fn run(&mut self, check: PamCheck) -> Reply {
        let twofa = &mut self.twofa;
        let run = std::panic::AssertUnwindSafe(move || check.run(twofa));
        std::panic::catch_unwind(run).unwrap_or_else(|_| {
            Reply::error_doc(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the request failed inside the service (see its log)",
                None,
            )
        })
    }
}

/// A request this path may answer.
struct Plain<'a> {
    /// Its bytes on the socket: the head and the body.
    length: usize,
    /// Where its body is among them.
    body: std::ops::Range<usize>,
    content_type: Option<&'a str>,
}

/// `bytes` as a plain `/v1/pam` request (see the module's docs), or `None`: then the async
/// server has it.
fn plain_request(bytes: &[u8], max_body: usize) -> Option<Plain<'_>> {
    let mut headers = [httparse::EMPTY_HEADER; 12];
    let mut req = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(head) = req.parse(bytes).ok()? else {
        return None;
    };
    if req.method != Some("POST") || req.path != Some("/v1/pam") || req.version != Some(1) {
        return None;
    }
    let (mut length, mut content_type, mut close) = (None, None, false);
    for h in req.headers.iter() {
        let value = std::str::from_utf8(h.value).ok()?;
        let name = h.name;
        if name.eq_ignore_ascii_case("content-length") {
            // Exactly one, all digits: anything else is for hyper to refuse.
            if length.is_some() || value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            length = Some(value.parse::<usize>().ok()?);
        } else if name.eq_ignore_ascii_case("content-type") {
            if content_type.is_some() {
                return None;
            }
            content_type = Some(value);
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.trim().eq_ignore_ascii_case("close");
            if !close {
                return None;
            }
        } else if !(name.eq_ignore_ascii_case("host")
            || name.eq_ignore_ascii_case("user-agent")
            || name.eq_ignore_ascii_case("accept"))
        {
            return None;
        }
    }
    let length = length?;
    if !close || length > max_body || bytes.len() != head + length {
        return None;
    }
    Some(Plain {
        length: head + length,
        body: head..head + length,
        content_type,
    })
}

/// The answer as hyper would write it for the async path.
fn response(reply: &Reply, now: i64) -> Vec<u8> {
    let status = reply.status;
    let mut out = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    if let Some(s) = reply.retry_after {
        out.push_str(&format!("retry-after: {s}\r\n"));
    }
    out.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\ndate: {}\r\n\r\n",
        reply.body.len(),
        http_date(now)
    ));
    let mut out = out.into_bytes();
    out.extend_from_slice(reply.body.as_bytes());
    out
}

/// `Thu, 03 Dec 2026 11:52:35 GMT`.
fn http_date(now: i64) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::OffsetDateTime::from_unix_timestamp(now)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(head: &str, body: &str) -> Vec<u8> {
        format!("{head}\r\n\r\n{body}").into_bytes()
    }

    const BODY: &str = r#"{"user":"alice","code":"123456"}"#;

    fn plain(head: &str) -> String {
        format!(
            "POST /v1/pam HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close{head}",
            BODY.len()
        )
    }

    #[test]
    fn twofa_pams_request_is_plain() {
        let bytes = request(&plain(""), BODY);
        let p = plain_request(&bytes, 1024).expect("plain");
        assert_eq!(p.length, bytes.len());
        assert_eq!(&bytes[p.body.clone()], BODY.as_bytes());
        assert_eq!(p.content_type, Some("application/json"));
        let bytes = request(
            &format!("{}\r\nUser-Agent: curl/8\r\nAccept: */*", plain("")),
            BODY,
        );
        assert!(plain_request(&bytes, 1024).is_some());
    }

    #[test]
    fn anything_unusual_goes_to_the_async_server() {
        let whole = request(&plain(""), BODY);
        // Not all of it there yet, or more than one request.
        assert!(plain_request(&whole[..whole.len() - 1], 1024).is_none());
        let mut two = whole.clone();
        two.extend_from_slice(&whole);
        assert!(plain_request(&two, 1024).is_none());
        // Over the body limit: hyper's 413.
        assert!(plain_request(&whole, BODY.len() - 1).is_none());
        assert!(plain_request(&whole, BODY.len()).is_some());
        for head in [
            plain("").replace("POST", "GET"),
            plain("").replace("/v1/pam", "/v1/pam/"),
            plain("").replace("HTTP/1.1", "HTTP/1.0"),
            plain("").replace("Connection: close", "Connection: keep-alive"),
            plain("").replace("\r\nConnection: close", ""),
            plain("").replace(
                &format!("Content-Length: {}", BODY.len()),
                "Content-Length: +32",
            ),
            plain("").replace(
                "\r\nContent-Length",
                "\r\nTransfer-Encoding: chunked\r\nX-Length",
            ),
            plain(&format!("\r\nContent-Length: {}", BODY.len())),
            plain("\r\nOrigin: https://example.com"),
            plain("\r\nExpect: 100-continue"),
            plain("\r\nContent-Type: text/plain"),
        ] {
            assert!(
                plain_request(&request(&head, BODY), 1024).is_none(),
                "{head:?}"
            );
        }
    }

    #[test]
    fn the_answer_is_written_as_hyper_writes_it() {
        let reply = Reply {
            status: StatusCode::TOO_MANY_REQUESTS,
            body: "{}".into(),
            retry_after: Some(30),
        };
        let text = String::from_utf8(response(&reply, 1_796_298_155)).unwrap();
        assert_eq!(
            text,
            "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\nretry-after: 30\r\ncontent-length: 2\r\nconnection: close\r\ndate: Thu, 03 Dec 2026 11:42:35 GMT\r\n\r\n{}"
        );
    }
}
