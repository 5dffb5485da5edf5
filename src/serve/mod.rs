//! `twofa serve`: the HTTP service (JSON API under `/v1/`, the original `enable-2fa`
//! endpoint, self-enrollment pages, metrics). See `doc/http.md` for the contract.
//!
//! Shape: axum on a tokio runtime accepts connections on TCP (plain on loopback; TLS with
//! rustls, or plain behind a trusted proxy, elsewhere) and Unix sockets; the work is done
//! by plain worker threads that each own one [`Twofa`] (see [`pool`]), since the library is
//! synchronous and some database clients must never live on a runtime's threads.

mod fast;
mod limit;
mod metrics;
mod pages;
mod pam;
mod pool;
mod routes;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::ServiceExt;

use crate::api::{OpenOptions, Twofa};
use crate::config::ServeConfig;
use crate::error::{Error, Result};

/// What `twofa serve` was asked for.
pub(crate) struct ServeOptions {
    /// Where to listen (`HOST:PORT`, `unix:PATH`); the config's `[serve] listen` if empty.
    pub(crate) listen: Vec<String>,
    /// Plain TCP on a non-loopback address is allowed: a proxy in front terminates TLS.
    pub(crate) behind_proxy: bool,
    /// How each worker opens the database.
    pub(crate) open: OpenOptions,
}

/// The shared state of the handlers.
pub(crate) struct App {
    pool: Arc<pool::Pool>,
    metrics: metrics::Metrics,
    limiter: limit::Limiter,
    config: ServeConfig,
    timeout: Duration,
    max_body: usize,
    tls: bool,
    behind_proxy: bool,
    trusted: Vec<IpAddr>,
    /// An `authorize` hook is configured (PAM checks then do not join a group commit).
    hooks_authorize: bool,
}

/// The peer of a connection, as the accept loop saw it.
#[derive(Clone, Debug)]
pub(crate) struct Peer(Option<IpAddr>, String, Option<u32>);

/// The client of a request: its address (the proxy's `X-Forwarded-For` where trusted),
/// which is the audit log's source and the rate limit's key.
#[derive(Clone, Debug)]
pub(crate) struct Client {
    pub(crate) addr: String,
    /// The peer's uid, over a Unix socket (for `/v1/pam`).
    pub(crate) uid: Option<u32>,
}

/// What a handler says about a request, for the log line and the rate limit.
#[derive(Clone, Debug, Default)]
pub(crate) struct Outcome {
    /// `api:NAME` when a valid token was presented.
    pub(crate) actor: Option<String>,
}

/// One listener.
enum Listen {
    Tcp(SocketAddr),
    Unix(PathBuf),
}

fn parse_listen(text: &str, tls: bool, behind_proxy: bool) -> Result<Vec<Listen>> {
    if let Some(path) = text.strip_prefix("unix:") {
        if path.is_empty() {
            return Err(Error::Usage("--listen unix:PATH needs a path".into()));
        }
        return Ok(vec![Listen::Unix(PathBuf::from(path))]);
    }
    use std::net::ToSocketAddrs;
    let addrs: Vec<SocketAddr> = text
        .to_socket_addrs()
        .map_err(|e| {
            Error::Usage(format!(
                "--listen {:?}: not HOST:PORT or unix:PATH ({e})",
                crate::model::echo(text)
            ))
        })?
        .collect();
    if addrs.is_empty() {
        return Err(Error::Usage(format!(
            "--listen {:?}: the host has no address",
            crate::model::echo(text)
        )));
    }
    for a in &addrs {
        if !a.ip().is_loopback() && !tls && !behind_proxy {
            return Err(Error::Usage(format!(
                "--listen {text}: {} is not a loopback address, and without TLS codes and tokens would cross the network in clear",
                a.ip()
            )));
        }
    }
    Ok(addrs.into_iter().map(Listen::Tcp).collect())
}

fn tls_config(config: &ServeConfig) -> Result<Option<Arc<rustls::ServerConfig>>> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let (Some(cert), Some(key)) = (&config.tls_cert, &config.tls_key) else {
        return Ok(None);
    };
    let bad = |path: &PathBuf, what: String| Error::Config {
        path: path.clone(),
        message: what,
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| bad(cert, format!("serve.tls_cert: {e}")))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| bad(cert, format!("serve.tls_cert: {e}")))?;
    if certs.is_empty() {
        return Err(bad(
            cert,
            "serve.tls_cert: no certificate in the file".into(),
        ));
    }
    let key_der =
        PrivateKeyDer::from_pem_file(key).map_err(|e| bad(key, format!("serve.tls_key: {e}")))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(cert, format!("TLS: {e}")))?
        .with_no_client_auth()
        .with_single_cert(certs, key_der)
        .map_err(|e| bad(key, format!("serve.tls_cert/tls_key: {e}")))?;
    server.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Some(Arc::new(server)))
}

/// Create the Unix socket's folder (0750) when missing, refuse a folder others may
/// write to, replace a stale socket, bind, and make the socket 0660.
fn bind_unix(path: &std::path::Path) -> Result<std::os::unix::net::UnixListener> {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o750))
                .map_err(|e| Error::io(dir, e))?;
        }
        Err(e) => return Err(Error::io(dir, e)),
        Ok(meta)
            if meta.permissions().mode() & 0o022 != 0
                && meta.permissions().mode() & 0o1000 == 0 =>
        {
            return Err(Error::Usage(format!(
                "{}: others may write to this folder (mode {:o}), so they could replace the socket; use a folder of mode 0750",
                dir.display(),
                meta.permissions().mode() & 0o7777
            )));
        }
        Ok(_) => {}
    }
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_socket() {
            std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
        } else {
            return Err(Error::Usage(format!(
                "{}: exists and is not a socket",
                path.display()
            )));
        }
    }
    let listener = std::os::unix::net::UnixListener::bind(path).map_err(|e| Error::io(path, e))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))
        .map_err(|e| Error::io(path, e))?;
    Ok(listener)
}

/// Run the service until SIGTERM or SIGINT; then finish the requests in flight and the
/// work already queued, and return.
pub(crate) fn run(options: ServeOptions) -> Result<u8> {
    let config = options.open.config.serve.clone();
    let listen = if options.listen.is_empty() {
        config.listen.clone()
    } else {
        options.listen.clone()
    };
    if listen.is_empty() {
        return Err(Error::Usage(
            "nowhere to listen: give --listen HOST:PORT or --listen unix:PATH (or [serve] listen)"
                .into(),
        ));
    }
    let tls = tls_config(&config)?;
    let trusted: Vec<IpAddr> = config
        .trusted_proxies
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    if options.behind_proxy && trusted.is_empty() {
        return Err(Error::Usage(
            "--behind-proxy needs the proxies' addresses in [serve] trusted_proxies".into(),
        ));
    }
    let mut listeners = Vec::new();
    for l in &listen {
        listeners.extend(parse_listen(l, tls.is_some(), options.behind_proxy)?);
    }
    // The workers' `Twofa`s are opened here, on the main thread, before any runtime
    // exists: a database or key problem ends the command before it listens.
    // Each holds its hooks' events for the hooks' thread and leaves checkpoints to the
    // checkpointer.
    let open_resident = || -> Result<Twofa> {
        let mut open = options.open.clone();
        open.create = false;
        open.defer_hooks = true;
        let twofa = Twofa::open(open)?;
        twofa.store().leave_checkpoints_to_another();
        Ok(twofa)
    };
    let instances = (0..config.workers)
        .map(|_| open_resident())
        .collect::<Result<Vec<_>>>()?;
    // Each Unix socket's PAM fast path has a connection of its own (see `fast`), unless an
    // `authorize` hook must run before each check (then PAM takes the async path, whose
    // jobs may run a program without holding up other logins).
    let hooks_authorize = crate::hooks::has_authorize(&options.open.config.hooks);
    let unix_sockets = listeners
        .iter()
        .filter(|l| matches!(l, Listen::Unix(_)))
        .count();
    let fast = (0..if hooks_authorize { 0 } else { unix_sockets })
        .map(|_| open_resident())
        .collect::<Result<Vec<_>>>()?;
    // On SQLite, one more connection folds the WAL into the database now and then, off
    // the requests' path (a checkpoint's fsync would otherwise stall one in thirty).
    let checkpointer = if instances[0].store().is_pg() {
        None
    } else {
        let mut open = options.open.clone();
        open.create = false;
        Some(Checkpointer::start(Twofa::open(open)?))
    };
    let mut open = options.open.clone();
    open.create = false;
    open.defer_hooks = false;
    let hooks = Twofa::open(open)?;
    let pool = pool::Pool::start(instances, hooks);
    let app = Arc::new(App {
        pool: Arc::clone(&pool),
        metrics: metrics::Metrics::default(),
        limiter: limit::Limiter::new(
            config.max_failures_per_minute,
            config.max_token_failures_per_minute,
        ),
        timeout: Duration::from_secs(config.request_timeout.seconds().max(1) as u64),
        max_body: config.max_body_bytes,
        tls: tls.is_some(),
        behind_proxy: options.behind_proxy,
        trusted,
        hooks_authorize,
        config,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("<tokio runtime>", e))?;
    let result = match bind(listeners, fast, &app, &pool) {
        Ok(bound) => runtime.block_on(serve(app, bound, tls)),
        Err(e) => Err(e),
    };
    // Every connection is closed; the workers finish what was queued, then close the
    // database on their own threads.
    runtime.shutdown_timeout(Duration::from_secs(5));
    pool.shutdown();
    if let Some(c) = checkpointer {
        c.stop();
    }
    result.map(|_| 0)
}

/// A listener, bound where that can be done before the runtime runs.
enum Bound {
    Tcp(SocketAddr),
    /// A Unix socket the async server accepts on.
    Unix(PathBuf, std::os::unix::net::UnixListener),
    /// A Unix socket whose fast path accepts, handing the async server what it does not
    /// answer itself.
    Fast(
        PathBuf,
        fast::FastPath,
        tokio::sync::mpsc::UnboundedReceiver<(std::os::unix::net::UnixStream, Option<u32>)>,
    ),
}

/// Bind the Unix sockets and start their fast paths (one `Twofa` of `fast` each, while
/// they last); on an error, stop what was started.
fn bind(
    listeners: Vec<Listen>,
    fast: Vec<Twofa>,
    app: &Arc<App>,
    pool: &pool::Pool,
) -> Result<Vec<Bound>> {
    let mut fast = fast.into_iter();
    let mut bound = Vec::new();
    for l in listeners {
        let b = match l {
            Listen::Tcp(addr) => Ok(Bound::Tcp(addr)),
            Listen::Unix(path) => bind_unix(&path).and_then(|listener| match fast.next() {
                Some(twofa) => {
                    let (hand_over, handed) = tokio::sync::mpsc::unbounded_channel();
                    fast::FastPath::start(
                        listener,
                        twofa,
                        Arc::clone(app),
                        pool.events(),
                        hand_over,
                    )
                    .map(|thread| Bound::Fast(path.clone(), thread, handed))
                    .map_err(|e| Error::io(&path, e))
                }
                None => Ok(Bound::Unix(path, listener)),
            }),
        };
        match b {
            Ok(b) => bound.push(b),
            Err(e) => {
                for b in bound {
                    if let Bound::Fast(path, thread, _) = b {
                        thread.stop();
                        let _ = std::fs::remove_file(path);
                    }
                }
                return Err(e);
            }
        }
    }
    Ok(bound)
}

/// The thread that checkpoints an SQLite WAL for the workers, every
/// CHECKPOINT_INTERVAL while the service runs.
struct Checkpointer {
    stop: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

const CHECKPOINT_INTERVAL: Duration = Duration::from_millis(25);

impl Checkpointer {
    fn start(twofa: Twofa) -> Checkpointer {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("twofa-checkpoint".into())
            .spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(CHECKPOINT_INTERVAL)
                {
                    twofa.store().checkpoint_passive();
                }
            })
            .expect("spawning the checkpoint thread");
        Checkpointer { stop, thread }
    }

    fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.thread.join();
    }
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/v1/health", get(routes::health))
        .route("/v1/users", post(routes::add_user))
        .route("/v1/users/{user}", get(routes::status))
        .route("/v1/users/{user}/enroll/totp", post(routes::enroll_totp))
        .route("/v1/users/{user}/enroll/link", post(routes::enroll_link))
        .route("/v1/users/{user}/confirm", post(routes::confirm))
        .route("/v1/users/{user}/verify", post(routes::verify))
        .route("/v1/pam", post(pam::pam))
        .route("/v1/users/{user}/send-code", post(routes::send_code))
        .route("/v1/users/{user}/reset", post(routes::reset))
        .route("/v1/users/{user}/unlock", post(routes::unlock))
        .route("/v1/login", post(routes::login))
        .route("/v1/sessions/check", post(routes::session_check))
        .route(
            "/v1/sessions/{id}",
            axum::routing::delete(routes::session_revoke),
        )
        .route("/metrics", get(routes::metrics))
        .route("/api/users/{user_id}/enable-2fa", put(routes::enable_2fa))
        .route("/enroll/{token}", get(pages::get).post(pages::post))
        .fallback(|| async {
            routes::bad_body(StatusCode::NOT_FOUND, "not_found", "no such route")
        })
        .method_not_allowed_fallback(|| async {
            routes::bad_body(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this route does not take that method",
            )
        })
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            around,
        ))
        .with_state(app)
}

/// The client's address: the peer's, or behind a trusted proxy the last address in
/// `X-Forwarded-For` that is not one of the proxies.
fn client_of(app: &App, peer: &Peer, req: &Request) -> String {
    if app.behind_proxy
        && let Some(ip) = peer.0
        && app.trusted.contains(&ip)
    {
        let forwarded: Vec<IpAddr> = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        if let Some(client) = forwarded.iter().rev().find(|a| !app.trusted.contains(a)) {
            return client.to_string();
        }
    }
    peer.1.clone()
}

/// A short, stable key for a presented token (never the token), for the rate limit.
fn token_key(req: &Request) -> Option<String> {
    let token = routes::bearer(req.headers())?;
    let digest = crate::crypto::sha256_parts(&[b"rate limit", token.as_bytes()]);
    Some(hex::encode(&digest[..8]))
}

/// Around every request: the client address, the rate limit, CORS, the log line, metrics.
async fn around(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let peer =
        req.extensions()
            .get::<Peer>()
            .cloned()
            .unwrap_or(Peer(None, "unknown".into(), None));
    let addr = client_of(&app, &peer, &req);
    let method = req.method().clone();
    let path = loggable_path(req.uri().path());
    let origin = req.headers().get(header::ORIGIN).cloned();
    let token = token_key(&req).map(|t| format!("{addr} token:{t}"));
    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    // PAM's callers are the host's own login services, one peer for every user and remote
    // host: the database's throttle, per user and remote host, is the one that applies.
    let limited = !(req.uri().path() == "/v1/pam" && pam::peer_allowed(peer.2));
    let blocked = if limited {
        app.limiter
            .blocked(&addr, now)
            .or_else(|| token.as_deref().and_then(|k| app.limiter.blocked(k, now)))
    } else {
        None
    };
    let mut response = if let Some(wait) = blocked {
        app.metrics.rate_limited();
        let mut r = routes::bad_body(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many failed requests from this client: wait before trying again",
        );
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        r
    } else if method == Method::OPTIONS && cors_allowed(&app, origin.as_ref()) {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PUT, DELETE"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        r
    } else {
        req.extensions_mut().insert(Client {
            addr: addr.clone(),
            uid: peer.2,
        });
        next.run(req).await
    };
    if cors_allowed(&app, origin.as_ref())
        && let Some(o) = origin
    {
        response
            .headers_mut()
            .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    let status = response.status();
    let outcome = response
        .extensions()
        .get::<Outcome>()
        .cloned()
        .unwrap_or_default();
    if status.is_client_error() && blocked.is_none() && limited {
        match (&outcome.actor, &token) {
            (Some(_), Some(key)) => app.limiter.fail(key, now),
            _ => app.limiter.fail(&addr, now),
        }
    }
    let took = started.elapsed();
    app.metrics.request(status.as_u16(), took);
    access_log(
        now,
        &addr,
        method.as_str(),
        &path,
        status.as_u16(),
        took,
        outcome.actor.as_deref(),
    );
    response
}

/// A request's line in the log (stderr).
fn access_log(
    now: i64,
    addr: &str,
    method: &str,
    path: &str,
    status: u16,
    took: Duration,
    actor: Option<&str>,
) {
    // Formatted first and written in one piece: `eprintln!` on the unbuffered stderr makes
    // a system call of each of the line's dozen fragments, all before the answer leaves.
    let line = format!(
        "{} {addr} {method} {path} {status} {:.1}ms {}\n",
        crate::time_fmt::rfc3339(now),
        took.as_secs_f64() * 1000.0,
        actor.unwrap_or("-")
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), line.as_bytes());
}

fn cors_allowed(app: &App, origin: Option<&HeaderValue>) -> bool {
    origin
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| app.config.cors_origins.iter().any(|c| c == o))
}

/// The path as logged: an enrollment link's token is a secret, so it is not written.
fn loggable_path(path: &str) -> String {
    let path = if path.starts_with("/enroll/") {
        "/enroll/[token]"
    } else {
        path
    };
    crate::output::text(path).chars().take(200).collect()
}

async fn serve(
    app: Arc<App>,
    bound: Vec<Bound>,
    tls: Option<Arc<rustls::ServerConfig>>,
) -> Result<()> {
    let router = router(Arc::clone(&app));
    let graceful = Arc::new(hyper_util::server::graceful::GracefulShutdown::new());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut tasks = Vec::new();
    let mut unix_paths = Vec::new();
    let mut fast_paths = Vec::new();
    for b in bound {
        match b {
            Bound::Tcp(addr) => {
                let listener = tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|e| Error::io(format!("{addr}"), e))?;
                let local = listener
                    .local_addr()
                    .map_err(|e| Error::io(format!("{addr}"), e))?;
                let scheme = if tls.is_some() { "https" } else { "http" };
                eprintln!("twofa serve: listening on {scheme}://{local}");
                let acceptor = tls.clone().map(tokio_rustls::TlsAcceptor::from);
                tasks.push(tokio::spawn(accept_tcp(
                    listener,
                    acceptor,
                    router.clone(),
                    Arc::clone(&graceful),
                    stop_rx.clone(),
                )));
            }
            Bound::Unix(path, listener) => {
                let listener = listener
                    .set_nonblocking(true)
                    .and_then(|()| tokio::net::UnixListener::from_std(listener))
                    .map_err(|e| Error::io(&path, e))?;
                eprintln!("twofa serve: listening on unix:{}", path.display());
                unix_paths.push(path);
                tasks.push(tokio::spawn(accept_unix(
                    listener,
                    router.clone(),
                    Arc::clone(&graceful),
                    stop_rx.clone(),
                )));
            }
            Bound::Fast(path, thread, handed) => {
                eprintln!("twofa serve: listening on unix:{}", path.display());
                unix_paths.push(path);
                fast_paths.push(thread);
                tasks.push(tokio::spawn(serve_handed(
                    handed,
                    router.clone(),
                    Arc::clone(&graceful),
                )));
            }
        }
    }
    wait_for_signal().await;
    eprintln!("twofa serve: shutting down; finishing the requests in flight");
    // No new connection to the Unix sockets from here (a client that finds no socket
    // falls back, as `twofa-pam` does); those already made are answered below.
    for p in unix_paths {
        let _ = std::fs::remove_file(p);
    }
    let _ = stop_tx.send(true);
    // The fast paths answer what they hold and what is queued; their hand-over channels
    // close with them, which ends `serve_handed`.
    let stopped =
        tokio::task::spawn_blocking(move || fast_paths.into_iter().for_each(fast::FastPath::stop));
    let _ = stopped.await;
    for t in tasks {
        let _ = t.await;
    }
    // The accept loops have ended, so this is the last reference.
    if let Ok(graceful) = Arc::try_unwrap(graceful) {
        let _ = tokio::time::timeout(Duration::from_secs(30), graceful.shutdown()).await;
    }
    eprintln!("twofa serve: stopped");
    Ok(())
}

async fn wait_for_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let term = signal(SignalKind::terminate());
    let int = signal(SignalKind::interrupt());
    match (term, int) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => std::future::pending::<()>().await,
    }
}

/// Serve one connection with the router, the peer recorded for the middleware.
fn serve_connection<S>(
    io: S,
    peer: Peer,
    router: Router,
    graceful: hyper_util::server::graceful::Watcher,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(peer.clone());
        router.clone().oneshot(req.map(axum::body::Body::new))
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(10))
        .keep_alive(true)
        .serve_connection(TokioIo::new(io), service);
    let conn = graceful.watch(conn);
    tokio::spawn(async move {
        let _ = conn.await;
    });
}

async fn accept_tcp(
    listener: tokio::net::TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    router: Router,
    graceful: Arc<hyper_util::server::graceful::GracefulShutdown>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => return,
        };
        let Ok((stream, addr)) = accepted else {
            // Out of file descriptors and the like: wait a little rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let peer = Peer(Some(addr.ip()), addr.ip().to_string(), None);
        match &tls {
            None => serve_connection(stream, peer, router.clone(), graceful.watcher()),
            Some(acceptor) => {
                let acceptor = acceptor.clone();
                let router = router.clone();
                let watcher = graceful.watcher();
                tokio::spawn(async move {
                    let handshake =
                        tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream))
                            .await;
                    if let Ok(Ok(stream)) = handshake {
                        serve_connection(stream, peer, router, watcher);
                    }
                });
            }
        }
    }
}

async fn accept_unix(
    listener: tokio::net::UnixListener,
    router: Router,
    graceful: Arc<hyper_util::server::graceful::GracefulShutdown>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        let Ok((stream, _)) = accepted else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let uid = stream.peer_cred().ok().map(|c| c.uid());
        serve_connection(stream, unix_peer(uid), router.clone(), graceful.watcher());
    }
    // The connections made before the socket was removed are served, not dropped (a
    // timeout of zero still polls the accept once before it expires).
    while let Ok(Ok((stream, _))) = tokio::time::timeout(Duration::ZERO, listener.accept()).await {
        let uid = stream.peer_cred().ok().map(|c| c.uid());
        serve_connection(stream, unix_peer(uid), router.clone(), graceful.watcher());
    }
}

/// The connections the PAM fast path hands over (see [`fast`]), served as `accept_unix`
/// serves its own, until the fast path has ended.
async fn serve_handed(
    mut handed: tokio::sync::mpsc::UnboundedReceiver<(std::os::unix::net::UnixStream, Option<u32>)>,
    router: Router,
    graceful: Arc<hyper_util::server::graceful::GracefulShutdown>,
) {
    while let Some((stream, uid)) = handed.recv().await {
        if stream.set_nonblocking(true).is_err() {
            continue;
        }
        if let Ok(stream) = tokio::net::UnixStream::from_std(stream) {
            serve_connection(stream, unix_peer(uid), router.clone(), graceful.watcher());
        }
    }
}

/// A Unix socket's peer, known by its uid.
fn unix_peer(uid: Option<u32>) -> Peer {
    let who = uid.map_or_else(|| "unix".into(), |uid| format!("unix:uid={uid}"));
    Peer(None, who, uid)
}
