//! `GET /enroll/{token}` and its form: the self-enrollment page of a one-time link. Server
//! rendered, no JavaScript; the QR code inline as SVG, the key grouped for typing, a form
//! for the first code, then the recovery codes once. A spent or expired link is a 410 page.
//!
//! Pages send a strict Content-Security-Policy (nothing but the page's own style, which is
//! allowed by its hash), `Cache-Control: no-store`, `Referrer-Policy: no-referrer`,
//! `X-Content-Type-Options: nosniff` and `frame-ancestors 'none'`. The form carries a CSRF
//! token that must match a `SameSite=Strict` cookie set with the page (double submit).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use zeroize::Zeroizing;

use super::{App, Client, Outcome};
use crate::api::{LinkConfirm, LinkPage, Twofa};
use crate::error::Error;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#111;background:#fff}\
.qr svg{width:18rem;height:18rem;max-width:100%;display:block;margin:.5rem 0}\
.key{font-family:ui-monospace,monospace;font-size:1.2rem;letter-spacing:.05em;word-spacing:.4em}\
input[name=code]{font-size:1.6rem;width:9rem;letter-spacing:.2em;padding:.3rem}\
button{font-size:1.2rem;padding:.4rem 1.2rem}\
.error{color:#a00;font-weight:bold}\
ul.codes{font-family:ui-monospace,monospace;font-size:1.2rem}";

const CSRF_COOKIE: &str = "twofa_csrf";

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn style_hash() -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(STYLE.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

/// Standard base64 (for the CSP hash).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn page(status: StatusCode, title: &str, body: &str, csrf: Option<&str>, secure: bool) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{}</title><style>{STYLE}</style></head><body>\n{body}\n</body></html>\n",
        escape(title)
    );
    let mut r = (status, html).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "default-src 'none'; style-src {}; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        style_hash()
    )) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if let Some(csrf) = csrf {
        let secure = if secure { "; Secure" } else { "" };
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={csrf}; Path=/enroll/; HttpOnly; SameSite=Strict{secure}"
        )) {
            h.insert(header::SET_COOKIE, v);
        }
    }
    r
}

fn gone(secure: bool, expired: bool) -> Response {
    let why = if expired {
        "This enrollment link has expired."
    } else {
        "This enrollment link has been used already, or it does not exist."
    };
    page(
        StatusCode::GONE,
        "Link no longer valid",
        &format!(
            "<h1>Link no longer valid</h1><p id=\"spent\">{why}</p><p>Ask your administrator for a new link if you still need to set up two-factor authentication.</p>"
        ),
        None,
        secure,
    )
}

fn failed(e: &Error, secure: bool) -> Response {
    if e.exit_code() == 6 {
        eprintln!("twofa serve: error: {e}");
    }
    let status = match e.exit_code() {
        1 => StatusCode::UNAUTHORIZED,
        2 => StatusCode::BAD_REQUEST,
        3 => StatusCode::NOT_FOUND,
        4 => StatusCode::TOO_MANY_REQUESTS,
        5 => StatusCode::FORBIDDEN,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let text = if e.exit_code() == 6 {
        "The service cannot do this now. Try again later.".to_string()
    } else {
        e.to_string()
    };
    page(
        status,
        "Something went wrong",
        &format!(
            "<h1>Something went wrong</h1><p class=\"error\">{}</p>",
            escape(&text)
        ),
        None,
        secure,
    )
}

fn new_csrf() -> Option<String> {
    let mut b = [0u8; 16];
    crate::crypto::random_bytes(&mut b).ok()?;
    Some(hex::encode(b))
}

fn enroll_page(
    username: &str,
    grouped_secret: &str,
    uri: &str,
    message: Option<&str>,
    csrf: &str,
    secure: bool,
) -> Response {
    let svg = match crate::qr::svg(uri) {
        Ok(svg) => svg,
        Err(e) => return failed(&e, secure),
    };
    let svg = svg.find("<svg").map(|i| &svg[i..]).unwrap_or(&svg);
    let message = message
        .map(|m| format!("<p class=\"error\" id=\"message\">{}</p>", escape(m)))
        .unwrap_or_default();
    let body = format!(
        "<h1>Set up two-factor authentication</h1>\
<p>For <strong>{user}</strong>. Scan this QR code with your authenticator app (Google Authenticator, Authy, Microsoft Authenticator, 1Password, …):</p>\
<div class=\"qr\" id=\"qr\">{svg}</div>\
<p>Or type this key into the app:</p><p class=\"key\" id=\"key\">{key}</p>\
{message}\
<form method=\"post\" id=\"confirm\">\
<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
<label for=\"code\">Then enter the code the app shows:</label><br>\
<input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9 ]*\" maxlength=\"12\" required autofocus> \
<button type=\"submit\" id=\"submit\">Confirm</button>\
</form>",
        user = escape(username),
        key = escape(grouped_secret),
    );
    page(
        StatusCode::OK,
        "Set up two-factor authentication",
        &body,
        Some(csrf),
        secure,
    )
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

async fn show(app: &Arc<App>, client: &Client, token: String, message: Option<String>) -> Response {
    let secure = app.tls;
    let source = client.addr.clone();
    let Some(csrf) = new_csrf() else {
        return failed(&Error::Usage("no randomness".into()), secure);
    };
    let result = app
        .run(move |t: &mut Twofa| {
            t.set_request_origin("enroll-link", Some(&source))?;
            t.open_enroll_link(&token)
        })
        .await;
    match result {
        Ok(Ok(LinkPage::Ready {
            username,
            grouped_secret,
            otpauth_uri,
            ..
        })) => enroll_page(
            &username,
            &grouped_secret,
            &otpauth_uri,
            message.as_deref(),
            &csrf,
            secure,
        ),
        Ok(Ok(LinkPage::Spent)) => gone(secure, false),
        Ok(Ok(LinkPage::Expired)) => gone(secure, true),
        Ok(Err(e)) => failed(&e, secure),
        Err(reply) => reply.into_response(Outcome::default()),
    }
}

/// `GET /enroll/{token}`.
pub(crate) async fn get(
    State(app): State<Arc<App>>,
    axum::Extension(client): axum::Extension<Client>,
    Path(token): Path<String>,
) -> Response {
    show(&app, &client, token, None).await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    csrf: String,
    code: Zeroizing<String>,
}

/// `POST /enroll/{token}`: the first code.
pub(crate) async fn post(
    State(app): State<Arc<App>>,
    axum::Extension(client): axum::Extension<Client>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let secure = app.tls;
    let Ok(bytes) = axum::body::to_bytes(body, app.max_body).await else {
        return failed(&Error::Usage("the form is too large".into()), secure);
    };
    let form: Form = match serde_urlencoded_form(&bytes) {
        Some(f) => f,
        None => return failed(&Error::Usage("the form was not understood".into()), secure),
    };
    let cookie = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    if cookie.is_empty()
        || !crate::crypto::constant_time_eq(cookie.as_bytes(), form.csrf.as_bytes())
    {
        let mut r = failed(
            &Error::Policy(
                "the form's security token does not match: reload the page and try again".into(),
            ),
            secure,
        );
        *r.status_mut() = StatusCode::FORBIDDEN;
        return r;
    }
    let source = client.addr.clone();
    let link = token.clone();
    let result = app
        .run(move |t: &mut Twofa| {
            t.set_request_origin("enroll-link", Some(&source))?;
            t.confirm_enroll_link(&link, &form.code)
        })
        .await;
    match result {
        Ok(Ok(LinkConfirm::Checked(c))) if c.confirmed => {
            let codes = c
                .recovery_codes
                .as_ref()
                .map(|codes| {
                    let items: String = codes
                        .iter()
                        .map(|c| format!("<li>{}</li>", escape(c)))
                        .collect();
                    format!(
                        "<p>Your recovery codes. Each works once, if you lose your phone. Write them down or print them now: they are not shown again.</p><ul class=\"codes\" id=\"recovery-codes\">{items}</ul>"
                    )
                })
                .unwrap_or_default();
            page(
                StatusCode::OK,
                "Two-factor authentication is on",
                &format!(
                    "<h1 id=\"done\">Two-factor authentication is on</h1><p>From now on, sign in with a code from your app.</p>{codes}"
                ),
                None,
                secure,
            )
        }
        Ok(Ok(LinkConfirm::Checked(c))) => {
            let message = if c.reason == Some("locked") {
                "Too many wrong codes: wait a while before trying again, or ask your administrator."
            } else {
                "That code is not right. Check that the app shows the account you just scanned, and that your phone's clock is correct, then try the newest code."
            };
            let mut r = show(&app, &client, token, Some(message.to_string())).await;
            if r.status() == StatusCode::OK {
                *r.status_mut() = if c.reason == Some("locked") {
                    StatusCode::TOO_MANY_REQUESTS
                } else {
                    StatusCode::UNAUTHORIZED
                };
            }
            r
        }
        Ok(Ok(LinkConfirm::Spent)) => gone(secure, false),
        Ok(Ok(LinkConfirm::Expired)) => gone(secure, true),
        Ok(Err(e)) => failed(&e, secure),
        Err(reply) => reply.into_response(Outcome::default()),
    }
}

/// Parse `application/x-www-form-urlencoded` into the form (strict: no other fields).
fn serde_urlencoded_form(bytes: &[u8]) -> Option<Form> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut csrf = None;
    let mut code = None;
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v)?;
        match k {
            "csrf" if csrf.is_none() => csrf = Some(v),
            "code" if code.is_none() => code = Some(Zeroizing::new(v)),
            _ => return None,
        }
    }
    Some(Form {
        csrf: csrf?,
        code: code?,
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn forms_are_parsed_strictly() {
        let f = serde_urlencoded_form(b"csrf=ab&code=123+456").expect("a form");
        assert_eq!((f.csrf.as_str(), f.code.as_str()), ("ab", "123 456"));
        assert!(serde_urlencoded_form(b"csrf=ab&code=1&x=2").is_none());
        assert!(serde_urlencoded_form(b"csrf=ab").is_none());
        assert!(serde_urlencoded_form(b"csrf=%zz&code=1").is_none());
    }
}
