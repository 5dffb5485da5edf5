//! `twofa serve`, `twofa api-token ...`, `twofa enroll link`

#[cfg(feature = "serve")]
use clap::Args;
use clap::Subcommand;

use super::{Ctx, out};
use crate::api::Scope;
use crate::error::{Error, Result};
use crate::model::Username;
use crate::output::{table, when};
use crate::time_fmt::Span;

#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Where to listen: HOST:PORT (loopback, unless TLS or --behind-proxy) or unix:PATH;
    /// repeatable [default: the config's `[serve] listen`]
    #[arg(long, value_name = "ADDR")]
    listen: Vec<String>,
    /// Allow plain HTTP on a non-loopback address, for a TLS proxy in front; the proxies'
    /// addresses (`[serve] trusted_proxies`) are believed for X-Forwarded-For
    #[arg(long)]
    behind_proxy: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ApiTokenCommand {
    /// Make a token (printed once); the service audits its requests as `api:NAME`
    Create {
        /// The token's name (A-Z a-z 0-9 . _ -)
        name: String,
        /// What it may do: verify, enroll, admin, metrics (comma-separated)
        #[arg(long, value_delimiter = ',', default_value = "verify")]
        scope: Vec<String>,
        /// How long it works, e.g. 90d [default: until revoked]
        #[arg(long, value_name = "DURATION")]
        expires: Option<Span>,
    },
    /// List tokens (never the tokens themselves)
    List {
        /// Include revoked tokens
        #[arg(long)]
        all: bool,
    },
    /// Revoke a token: it stops working at once
    Revoke {
        /// The token's name
        name: String,
    },
}

#[cfg(feature = "serve")]
pub(crate) fn serve(ctx: &Ctx, args: ServeArgs) -> Result<u8> {
    // The database must exist: a service does not create one under a mistyped path.
    let mut open = ctx.open_options(false)?;
    // Workers open the database themselves; this `Twofa` only checks it before listening.
    open.create = false;
    drop(crate::api::Twofa::open(open.clone())?);
    crate::serve::run(crate::serve::ServeOptions {
        listen: args.listen,
        behind_proxy: args.behind_proxy,
        open,
    })
}

pub(crate) fn api_token(ctx: &Ctx, cmd: ApiTokenCommand) -> Result<u8> {
    match cmd {
        ApiTokenCommand::Create {
            name,
            scope,
            expires,
        } => {
            let scopes = scope
                .iter()
                .map(|s| s.trim().parse::<Scope>())
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(Error::Usage)?;
            let twofa = ctx.open()?;
            let token = twofa.create_api_token(&name, &scopes, expires.map(Span::seconds))?;
            out(ctx.printer.emit(&token, |w| {
                writeln!(w, "{}", token.token.as_str())?;
                Ok(())
            }))?;
            let names: Vec<&str> = token.scopes.iter().map(|s| s.as_str()).collect();
            ctx.notice(&format!(
                "API token {} (scopes {}, {}): shown this once; send it as `Authorization: Bearer TOKEN`",
                token.name,
                names.join(","),
                match token.expires_at {
                    Some(t) => format!("expires {}", when(Some(t))),
                    None => "until revoked".into(),
                }
            ));
            Ok(0)
        }
        ApiTokenCommand::List { all } => {
            let tokens = ctx.open_existing()?.api_tokens(all)?;
            out(ctx.printer.emit(&tokens, |w| {
                if tokens.is_empty() {
                    return writeln!(w, "no API tokens");
                }
                let mut t = table(["id", "name", "scopes", "created", "expires", "revoked"]);
                for k in &tokens {
                    let scopes: Vec<&str> = k.scopes.iter().map(|s| s.as_str()).collect();
                    t.add_row([
                        k.id.to_string(),
                        k.name.clone(),
                        scopes.join(","),
                        crate::output::short_when(Some(k.created_at)),
                        crate::output::short_when(k.expires_at),
                        crate::output::short_when(k.revoked_at),
                    ]);
                }
                crate::output::fit(&mut t, &[0, 3, 4, 5], &[]);
                writeln!(w, "{t}")
            }))
        }
        ApiTokenCommand::Revoke { name } => {
            let token = ctx.open_existing()?.revoke_api_token(&name)?;
            out(ctx
                .printer
                .emit(&token, |w| writeln!(w, "revoked API token {}", token.name)))
        }
    }
}

pub(crate) fn enroll_link(ctx: &Ctx, user: &Username, expires: Option<Span>) -> Result<u8> {
    let twofa = ctx.open_existing()?;
    let serve = &twofa.config().serve;
    let lifetime = expires.unwrap_or(serve.enroll_link_lifetime).seconds();
    let url = serve.public_url.clone().ok_or_else(|| {
        Error::Usage(
            "enrollment links need [serve] public_url in the config (the address users reach `twofa serve` at, e.g. https://2fa.example.com)".into(),
        )
    })?;
    let link = twofa.create_enroll_link(user, lifetime, &url)?;
    out(ctx.printer.emit(&link, |w| {
        writeln!(w, "{}", link.url.as_str())?;
        Ok(())
    }))?;
    ctx.notice(&format!(
        "a one-time enrollment link for {} (until {}): send it to them privately",
        link.username,
        when(Some(link.expires_at))
    ));
    Ok(0)
}
