# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_twofa_global_optspecs
    string join \n db= config= key-file= json y/yes actor= q/quiet v/verbose h/help V/version
end

function __fish_twofa_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_twofa_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_twofa_using_subcommand
    set -l cmd (__fish_twofa_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c twofa -n "__fish_twofa_needs_command" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_needs_command" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_needs_command" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_needs_command" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_needs_command" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_needs_command" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_needs_command" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_needs_command" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_needs_command" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "init" -d 'Create the database and key (any command that needs them does this too)'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "user" -d 'Manage users'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "group" -d 'Manage groups'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "enroll" -d 'Enroll a user in a second factor'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "confirm" -d 'Activate a pending factor with a code from it'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "factor" -d 'List or remove a user\'s factors'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "send-code" -d 'Send a fresh code to a user\'s email or phone'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "verify" -d 'Check a code: exit 0 accepted, 1 refused, 3 unknown user, 4 locked'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "recovery" -d 'Recovery codes for the day a phone is lost'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "reset" -d 'Remove all of a user\'s factors, recovery codes and sessions (lost phone), with a reason'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "unlock" -d 'Lift a user\'s lockout and forget their failures'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "login" -d 'Log in: password, then a second factor where needed; issues a session'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "session" -d 'List, check, revoke and prune sessions'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "policy" -d 'Enforcement policies: who must use 2FA, with which methods, after what grace'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "status" -d 'A user\'s factors, effective policy, compliance, lock and sessions'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "report" -d 'Compliance per group, and who is in grace or overdue'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "check" -d 'Check config, key, database, audit chain, policies and compliance (for CI): exit 0 sound, 1 not'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "key" -d 'The master key: status, rotation'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "db" -d 'The database: backend and server status, schema migrations, copying a site between SQLite and PostgreSQL'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "backup" -d 'Write a consistent copy of the database (the key is not in it)'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "audit" -d 'Read and check the audit log'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "pam" -d 'Backend for pam_exec (expose_authtok): user from PAM_USER, code on stdin; exit 0 only when allowed'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "hooks" -d 'List the event hooks, or send a sample event to them'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "self" -d 'Self-service for the invoking user (run through sudo): enroll, confirm, status, recovery codes'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "serve" -d 'Run the HTTP service: JSON API, enrollment pages, metrics (stops on SIGTERM)'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "api-token" -d 'Tokens for the callers of `twofa serve`: create, list, revoke'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c twofa -n "__fish_twofa_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand init" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand init" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand init" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand init" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand init" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand init" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand init" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand init" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand init" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand init" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "add" -d 'Create a user'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "passwd" -d 'Set a user\'s password (asks twice on a terminal); ends their sessions'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "list" -d 'List users'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "show" -d 'Show a user with groups, factors and lock state'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "set" -d 'Change a user\'s email or phone'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "remove" -d 'Remove a user and their factors (asks first; --yes without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "import" -d 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "export" -d 'Export users in the import format (no passwords or secrets)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "disable" -d 'Disable a user: their codes and logins are refused until enabled again; ends their sessions'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "enable" -d 'Enable a disabled user'
complete -c twofa -n "__fish_twofa_using_subcommand user; and not __fish_seen_subcommand_from add passwd list show set remove import export disable enable help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l email -d 'Email address (for email codes)' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l phone -d 'Phone number in E.164 form, e.g. +4915123456789 (for SMS codes)' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l group -d 'A group to join (repeatable); the group must exist' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read a password from stdin (first line); never give one on the command line'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password-stdin -d 'Read the password from stdin (first line)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from passwd" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l group -d 'Only members of this group' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l enrolled -d 'Only users with an active factor'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l unenrolled -d 'Only users without an active factor'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l email -d 'New email address' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l phone -d 'New phone number (E.164)' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l no-email -d 'Remove the email address'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l no-phone -d 'Remove the phone number'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l format -d 'csv or jsonl [default: by the file\'s extension, else csv]' -r -f -a "csv\t''
jsonl\t''"
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l update -d 'Change existing users to match the file (else they are left alone)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l dry-run -d 'Show what would change, and change nothing'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -l format -d 'csv or jsonl' -r -f -a "csv\t''
jsonl\t''"
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create a user'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a user\'s password (asks twice on a terminal); ends their sessions'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a user with groups, factors and lock state'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a user\'s email or phone'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a user and their factors (asks first; --yes without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export users in the import format (no passwords or secrets)'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a user: their codes and logins are refused until enabled again; ends their sessions'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a disabled user'
complete -c twofa -n "__fish_twofa_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -f -a "add" -d 'Create a group'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -f -a "list" -d 'List groups'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -f -a "show" -d 'Show a group and its members'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -f -a "remove" -d 'Remove a group; its members stay (asks first when it has members)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -f -a "add-user" -d 'Add users to a group'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -f -a "remove-user" -d 'Take users out of a group'
complete -c twofa -n "__fish_twofa_using_subcommand group; and not __fish_seen_subcommand_from add list show remove add-user remove-user help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from add-user" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from remove-user" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create a group'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "list" -d 'List groups'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a group and its members'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a group; its members stay (asks first when it has members)'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "add-user" -d 'Add users to a group'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "remove-user" -d 'Take users out of a group'
complete -c twofa -n "__fish_twofa_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -f -a "totp" -d 'Enroll a user in an authenticator app (TOTP) and show the QR code'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -f -a "email" -d 'Enroll a user\'s email address: a code is sent to it, to be confirmed with `twofa confirm`'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -f -a "hotp" -d 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -f -a "link" -d 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -f -a "sms" -d 'Enroll a user\'s phone for SMS codes (needs `[sms] enabled = true`)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and not __fish_seen_subcommand_from totp email hotp link sms help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l issuer -d 'Issuer shown in the app [default: the config\'s `issuer`]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l algorithm -d 'HMAC algorithm (some apps ignore anything but SHA1) [default: the config\'s]' -r -f -a "SHA1\t''
SHA256\t''
SHA512\t''"
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l digits -d 'Code length, 6 or 8 (some apps ignore 8) [default: the config\'s]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l period -d 'Seconds per code, 15 to 300 [default: the config\'s]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l qr-png -d 'Also write the QR code as a PNG file (mode 0600: it holds the secret)' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l qr-svg -d 'Also write the QR code as an SVG file (mode 0600: it holds the secret)' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l group -d 'With --add-user: groups for the new user (repeatable)' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l no-confirm -d 'Make the factor active at once, without a first code (imported seeds, hardware tokens)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l secret-stdin -d 'Read an existing base32 seed from stdin instead of generating one'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l hex -d 'With --secret-stdin: the seed is hex (oathtool\'s format), not base32'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l invert -d 'Draw the terminal QR code for a light-background terminal'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l qr -d 'Draw the QR code in the terminal even when stdout is not a terminal'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l replace -d 'Replace the user\'s TOTP factor; the old one works until the new one is confirmed'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l add-user -d 'Create the user first if they do not exist'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from totp" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -l email -d 'The address [default: the user\'s email]; it becomes the user\'s email once confirmed' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from email" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l counter -d 'The counter of the token\'s next code' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l digits -d 'Code length' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l secret-stdin -d 'Read the token\'s seed from stdin (base32, or hex with --hex); required: twofa does not make HOTP seeds'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l hex -d 'The seed on stdin is hex (oathtool\'s format), not base32'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l no-confirm -d 'Make the factor active at once, without a first code'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l replace -d 'Replace the user\'s HOTP factor'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from hotp" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -l expires -d 'How long the link works [default: the config\'s `[serve] enroll_link_lifetime`, 24h]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from link" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -l phone -d 'The number in E.164 form [default: the user\'s phone]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from sms" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "totp" -d 'Enroll a user in an authenticator app (TOTP) and show the QR code'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "email" -d 'Enroll a user\'s email address: a code is sent to it, to be confirmed with `twofa confirm`'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "hotp" -d 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "link" -d 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "sms" -d 'Enroll a user\'s phone for SMS codes (needs `[sms] enabled = true`)'
complete -c twofa -n "__fish_twofa_using_subcommand enroll; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -l factor -d 'The pending factor [default: the user\'s only pending factor]' -r
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -l code -d 'The code [default: read from stdin, or asked for on a terminal]' -r
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand confirm" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -f -a "import" -d 'Import authenticator factors from another system\'s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator\'s export, oath-toolkit\'s users file'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -f -a "export" -d 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -f -a "resync" -d 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -f -a "list" -d 'List a user\'s factors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -f -a "remove" -d 'Remove one of a user\'s factors (asks first; --yes without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and not __fish_seen_subcommand_from import export resync list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l format -d 'The format: auto (recognised by content), uri, google-authenticator, authelia-csv, authelia-yaml, authelia-uri, aegis, andotp, 2fas, freeotp-plus, privacyidea-yaml, otpauth-migration, oath-usersfile' -r -f -a "auto\t''
uri\t''
google-authenticator\t''
authelia-csv\t''
authelia-yaml\t''
authelia-uri\t''
aegis\t''
andotp\t''
2fas\t''
freeotp-plus\t''
privacyidea-yaml\t''
otpauth-migration\t''
oath-usersfile\t''"
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l from-homes -d 'Read every /home/*/.google_authenticator and /root/.google_authenticator (under ROOT, default /), each for the user who owns it' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l user -d 'Every entry is this user\'s (one person\'s app backup)' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l user-from -d 'Where the user name comes from when the file gives none: the label\'s account part' -r -f -a "label\t''"
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l user-map -d 'A file of `LABEL USERNAME` lines: the user of each entry by its label\'s account part' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l issuer -d 'Only entries of this issuer (case-insensitive)' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l match -d 'Only entries whose label or issuer contains this text (case-insensitive)' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l dry-run -d 'Show what would change, and change nothing'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l replace -d 'Replace users\' existing authenticator factors (and recovery codes, for scratch codes)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l add-users -d 'Create users that do not exist yet'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l skip-invalid -d 'Import the valid entries and report the others, instead of changing nothing'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -l include-secrets -d 'Write the secrets themselves (needs --yes; audited)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from resync" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import authenticator factors from another system\'s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator\'s export, oath-toolkit\'s users file'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "resync" -d 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "list" -d 'List a user\'s factors'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove one of a user\'s factors (asks first; --yes without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand factor; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -l method -d 'Where to send it [default: email if the user has it, else SMS]' -r -f -a "email\t''
sms\t''"
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand send-code" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand verify" -l method -d 'Which factor the code comes from' -r -f -a "totp\t''
hotp\t''
email\t''
sms\t''
recovery\t''
any\t''"
complete -c twofa -n "__fish_twofa_using_subcommand verify" -l code -d 'The code [default: read from stdin, or asked for on a terminal]; spaces and dashes are ignored' -r
complete -c twofa -n "__fish_twofa_using_subcommand verify" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand verify" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand verify" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand verify" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand verify" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand verify" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand verify" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand verify" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand verify" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand verify" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -f -a "generate" -d 'Make a new set of recovery codes (the old set stops working); shown once'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and not __fish_seen_subcommand_from generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Make a new set of recovery codes (the old set stops working); shown once'
complete -c twofa -n "__fish_twofa_using_subcommand recovery; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l reason -d 'Why (required; recorded in the audit log and shown by `twofa status`)' -r
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l grace -d 'A fresh grace period to enroll again, even where the policy\'s has passed, e.g. 3d' -r
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l dry-run -d 'Show what would be removed, and change nothing'
complete -c twofa -n "__fish_twofa_using_subcommand reset" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand reset" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand reset" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand reset" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand reset" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand reset" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -l reason -d 'Why, for the audit log (shown by `twofa status`)' -r
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand unlock" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand login" -l code -d 'The second-factor code' -r
complete -c twofa -n "__fish_twofa_using_subcommand login" -l method -d 'Which factor the code comes from' -r -f -a "totp\t''
hotp\t''
email\t''
sms\t''
recovery\t''
any\t''"
complete -c twofa -n "__fish_twofa_using_subcommand login" -l bind -d 'Bind the session to a client fingerprint (e.g. its IP, or a hash of its user agent)' -r
complete -c twofa -n "__fish_twofa_using_subcommand login" -l source -d 'Where the login comes from (e.g. the client\'s IP): recorded as the audit source, and failures are throttled per source, so guesses from one place do not lock out another' -r
complete -c twofa -n "__fish_twofa_using_subcommand login" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand login" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand login" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand login" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand login" -l password-stdin -d 'Read the password from stdin (first line); a second line may hold the code'
complete -c twofa -n "__fish_twofa_using_subcommand login" -l challenge-stdin -d 'Second step of a two-step login: read the challenge from stdin'
complete -c twofa -n "__fish_twofa_using_subcommand login" -l send -d 'First step: also send an email or SMS code (with --method email|sms, or the user\'s default)'
complete -c twofa -n "__fish_twofa_using_subcommand login" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand login" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand login" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand login" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand login" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand login" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -f -a "list" -d 'List live sessions (of one user, or all)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -f -a "check" -d 'Check a session token read from stdin: exit 0 valid, 1 not'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -f -a "revoke" -d 'Revoke a session, or all of a user\'s'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -f -a "prune" -d 'Delete sessions that have expired or were revoked'
complete -c twofa -n "__fish_twofa_using_subcommand session; and not __fish_seen_subcommand_from list check revoke prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -l all -d 'Include expired and revoked sessions'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -l bind -d 'The client fingerprint the session was bound to at login' -r
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -l token-stdin -d 'Read the token from stdin (the only way: tokens never go on the command line)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -l user -d 'All sessions of this user (with --all)' -r
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -l all -d 'With --user: every session of that user'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "list" -d 'List live sessions (of one user, or all)'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a session token read from stdin: exit 0 valid, 1 not'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a session, or all of a user\'s'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete sessions that have expired or were revoked'
complete -c twofa -n "__fish_twofa_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -f -a "set" -d 'Set the global policy or a group\'s'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -f -a "unset" -d 'Remove the global policy or a group\'s'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -f -a "list" -d 'List the policies'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and not __fish_seen_subcommand_from set unset list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l methods -d 'Allowed methods, e.g. totp,email (within the config\'s [auth] methods); "all" lifts the restriction' -r
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l grace -d 'How long a member who must enroll may still log in without a factor, e.g. 7d' -r
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l global -d 'The global policy, for every user'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l require -d 'Members must use a second factor'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l optional -d 'A second factor is optional'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -l global -d 'The global policy, for every user'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set the global policy or a group\'s'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove the global policy or a group\'s'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the policies'
complete -c twofa -n "__fish_twofa_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand status" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand status" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand status" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand status" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand status" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand status" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand status" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand status" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand status" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand status" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand report" -l group -d 'Only this group' -r
complete -c twofa -n "__fish_twofa_using_subcommand report" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand report" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand report" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand report" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand report" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand report" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand report" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand report" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand report" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand report" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand check" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand check" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand check" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand check" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand check" -l smtp -d 'Also connect to the SMTP server, negotiate TLS and authenticate (nothing is sent)'
complete -c twofa -n "__fish_twofa_using_subcommand check" -l strict -d 'Treat warnings (such as users overdue for enrollment) as failures'
complete -c twofa -n "__fish_twofa_using_subcommand check" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand check" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand check" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand check" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand check" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand check" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -f -a "status" -d 'Show the key ring (each key\'s id, role and how many secrets it seals), its file and permissions'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -f -a "add" -d 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -f -a "rotate" -d 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -f -a "retire" -d 'Drop a key from the ring: refused for the primary and while anything is sealed under it'
complete -c twofa -n "__fish_twofa_using_subcommand key; and not __fish_seen_subcommand_from status add rotate retire help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -l new-key-file -d 'Import the primary key of this key file (it is only read, never changed) instead of a new random key' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -l to -d 'Rotate to this key already in the ring (see `key add`)' -r
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from retire" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the key ring (each key\'s id, role and how many secrets it seals), its file and permissions'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "add" -d 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "retire" -d 'Drop a key from the ring: refused for the primary and while anything is sealed under it'
complete -c twofa -n "__fish_twofa_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -f -a "status" -d 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host\'s clock is from the server\'s'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -f -a "migrate" -d 'Bring the schema to this twofa\'s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -f -a "copy" -d 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits'
complete -c twofa -n "__fish_twofa_using_subcommand db; and not __fish_seen_subcommand_from status migrate copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -l from -d 'The database to copy (an SQLite path or a postgres:// URL); --db / TWOFA_DB when omitted' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -l to -d 'The new database (an SQLite path or a postgres:// URL); refused if it already holds one' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from copy" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host\'s clock is from the server\'s'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Bring the schema to this twofa\'s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits'
complete -c twofa -n "__fish_twofa_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand backup" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand backup" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand backup" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand backup" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand backup" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand backup" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand backup" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand backup" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand backup" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand backup" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -f -a "list" -d 'List audit records, newest first'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -f -a "verify" -d 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -f -a "export" -d 'Write the log, oldest first, as JSON lines or CSV on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -f -a "head" -d 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -f -a "prune" -d 'Remove records older than a date; the rest of the chain stays verifiable'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and not __fish_seen_subcommand_from list verify export head prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l user -d 'Only records about this user' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l action -d 'Only this action (e.g. verify, enroll, user.create; `user` matches all user.*)' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'Only records since then: 2026-11-28T07:00:00Z, 2026-11-28, or how long ago (2h, 7d)' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -d 'At most this many records, newest first; 0 for all' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -l expect-head -d 'A pin from `twofa audit head` (ID:HASH, or a bare HASH): also detect rows cut off the end or rewritten after it' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'jsonl or csv' -r -f -a "jsonl\t''
csv\t''"
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'Only records since then: RFC 3339, a date, or how long ago (7d)' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from head" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -l before -d 'Remove records before this time: RFC 3339, a date, or how long ago (365d)' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'List audit records, newest first'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the log, oldest first, as JSON lines or CSV on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "head" -d 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove records older than a date; the rest of the chain stays verifiable'
complete -c twofa -n "__fish_twofa_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand pam" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand pam" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand pam" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand pam" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand pam" -l require-code -d 'Let in only users whose code is accepted: refuse users without a factor, whatever their policy (for stacks where the code replaces the password, such as sudo\'s)'
complete -c twofa -n "__fish_twofa_using_subcommand pam" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand pam" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand pam" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand pam" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand pam" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand pam" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -f -a "list" -d 'List the configured hooks and the events they run on'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -f -a "test" -d 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and not __fish_seen_subcommand_from list test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -l user -d 'The user named in the sample event' -r
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the configured hooks and the events they run on'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied'
complete -c twofa -n "__fish_twofa_using_subcommand hooks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -f -a "enroll" -d 'Enroll yourself: an authenticator app (the default) or your email address'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -f -a "confirm" -d 'Activate your pending factor with a first code from it'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -f -a "send-code" -d 'Send a code to your email (or phone), to prove that you have it'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -f -a "status" -d 'Your factors, policy, compliance, lock and sessions'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -f -a "recovery" -d 'New recovery codes (the old ones stop working); shown once'
complete -c twofa -n "__fish_twofa_using_subcommand self; and not __fish_seen_subcommand_from enroll confirm send-code status recovery help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l code -d 'When you already have a factor: a current code from it, or a recovery code [default: asked for on a terminal, else the first line of stdin]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l replace -d 'Replace your authenticator app (a new phone); the old one works until the new one is confirmed'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l invert -d 'Draw the QR code for a light-background terminal'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l qr -d 'Draw the QR code even when stdout is not a terminal'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from enroll" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l factor -d 'The pending factor [default: your only pending factor]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l code -d 'The first code from the new factor [default: asked for on a terminal, else the first line of stdin]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l current-code -d 'When you already have another factor: a current code from it, or a recovery code [default: asked for on a terminal, else the second line of stdin]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from confirm" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -l method -d 'Where to send it [default: email if you have it, else SMS]' -r -f -a "email\t''
sms\t''"
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from send-code" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -l code -d 'When you already have a factor: a current code from it, or a recovery code [default: asked for on a terminal, else the first line of stdin]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from recovery" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from help" -f -a "enroll" -d 'Enroll yourself: an authenticator app (the default) or your email address'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from help" -f -a "confirm" -d 'Activate your pending factor with a first code from it'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from help" -f -a "send-code" -d 'Send a code to your email (or phone), to prove that you have it'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from help" -f -a "status" -d 'Your factors, policy, compliance, lock and sessions'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from help" -f -a "recovery" -d 'New recovery codes (the old ones stop working); shown once'
complete -c twofa -n "__fish_twofa_using_subcommand self; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand serve" -l listen -d 'Where to listen: HOST:PORT (loopback, unless TLS or --behind-proxy) or unix:PATH; repeatable [default: the config\'s `[serve] listen`]' -r
complete -c twofa -n "__fish_twofa_using_subcommand serve" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand serve" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand serve" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand serve" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand serve" -l behind-proxy -d 'Allow plain HTTP on a non-loopback address, for a TLS proxy in front; the proxies\' addresses (`[serve] trusted_proxies`) are believed for X-Forwarded-For'
complete -c twofa -n "__fish_twofa_using_subcommand serve" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand serve" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand serve" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand serve" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand serve" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand serve" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Make a token (printed once); the service audits its requests as `api:NAME`'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List tokens (never the tokens themselves)'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke a token: it stops working at once'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -l scope -d 'What it may do: verify, enroll, admin, metrics (comma-separated)' -r
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -l expires -d 'How long it works, e.g. 90d [default: until revoked]' -r
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -l all -d 'Include revoked tokens'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Make a token (printed once); the service audits its requests as `api:NAME`'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tokens (never the tokens themselves)'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token: it stops working at once'
complete -c twofa -n "__fish_twofa_using_subcommand api-token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand completions" -l db -d 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand completions" -l config -d 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand completions" -l key-file -d 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]' -r -F
complete -c twofa -n "__fish_twofa_using_subcommand completions" -l actor -d 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]' -r
complete -c twofa -n "__fish_twofa_using_subcommand completions" -l json -d 'Print one JSON document on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand completions" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c twofa -n "__fish_twofa_using_subcommand completions" -s v -l verbose -d 'Say more on stderr about what is done'
complete -c twofa -n "__fish_twofa_using_subcommand completions" -s h -l help -d 'Print help'
complete -c twofa -n "__fish_twofa_using_subcommand completions" -s V -l version -d 'Print version'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "init" -d 'Create the database and key (any command that needs them does this too)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "user" -d 'Manage users'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "group" -d 'Manage groups'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "enroll" -d 'Enroll a user in a second factor'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "confirm" -d 'Activate a pending factor with a code from it'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "factor" -d 'List or remove a user\'s factors'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "send-code" -d 'Send a fresh code to a user\'s email or phone'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "verify" -d 'Check a code: exit 0 accepted, 1 refused, 3 unknown user, 4 locked'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "recovery" -d 'Recovery codes for the day a phone is lost'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "reset" -d 'Remove all of a user\'s factors, recovery codes and sessions (lost phone), with a reason'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "unlock" -d 'Lift a user\'s lockout and forget their failures'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "login" -d 'Log in: password, then a second factor where needed; issues a session'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "session" -d 'List, check, revoke and prune sessions'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "policy" -d 'Enforcement policies: who must use 2FA, with which methods, after what grace'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "status" -d 'A user\'s factors, effective policy, compliance, lock and sessions'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "report" -d 'Compliance per group, and who is in grace or overdue'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "check" -d 'Check config, key, database, audit chain, policies and compliance (for CI): exit 0 sound, 1 not'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "key" -d 'The master key: status, rotation'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "db" -d 'The database: backend and server status, schema migrations, copying a site between SQLite and PostgreSQL'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "backup" -d 'Write a consistent copy of the database (the key is not in it)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "audit" -d 'Read and check the audit log'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "pam" -d 'Backend for pam_exec (expose_authtok): user from PAM_USER, code on stdin; exit 0 only when allowed'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "hooks" -d 'List the event hooks, or send a sample event to them'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "self" -d 'Self-service for the invoking user (run through sudo): enroll, confirm, status, recovery codes'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "serve" -d 'Run the HTTP service: JSON API, enrollment pages, metrics (stops on SIGTERM)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "api-token" -d 'Tokens for the callers of `twofa serve`: create, list, revoke'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c twofa -n "__fish_twofa_using_subcommand help; and not __fish_seen_subcommand_from init user group enroll confirm factor send-code verify recovery reset unlock login session policy status report check key db backup audit pam hooks self serve api-token completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Create a user'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Set a user\'s password (asks twice on a terminal); ends their sessions'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show a user with groups, factors and lock state'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "set" -d 'Change a user\'s email or phone'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "remove" -d 'Remove a user and their factors (asks first; --yes without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "import" -d 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "export" -d 'Export users in the import format (no passwords or secrets)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "disable" -d 'Disable a user: their codes and logins are refused until enabled again; ends their sessions'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "enable" -d 'Enable a disabled user'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "add" -d 'Create a group'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "list" -d 'List groups'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "show" -d 'Show a group and its members'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "remove" -d 'Remove a group; its members stay (asks first when it has members)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "add-user" -d 'Add users to a group'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "remove-user" -d 'Take users out of a group'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "totp" -d 'Enroll a user in an authenticator app (TOTP) and show the QR code'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "email" -d 'Enroll a user\'s email address: a code is sent to it, to be confirmed with `twofa confirm`'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "hotp" -d 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "link" -d 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from enroll" -f -a "sms" -d 'Enroll a user\'s phone for SMS codes (needs `[sms] enabled = true`)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "import" -d 'Import authenticator factors from another system\'s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator\'s export, oath-toolkit\'s users file'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "export" -d 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "resync" -d 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "list" -d 'List a user\'s factors'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from factor" -f -a "remove" -d 'Remove one of a user\'s factors (asks first; --yes without a terminal)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from recovery" -f -a "generate" -d 'Make a new set of recovery codes (the old set stops working); shown once'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "list" -d 'List live sessions (of one user, or all)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "check" -d 'Check a session token read from stdin: exit 0 valid, 1 not'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "revoke" -d 'Revoke a session, or all of a user\'s'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "prune" -d 'Delete sessions that have expired or were revoked'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "set" -d 'Set the global policy or a group\'s'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "unset" -d 'Remove the global policy or a group\'s'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "list" -d 'List the policies'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "status" -d 'Show the key ring (each key\'s id, role and how many secrets it seals), its file and permissions'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "add" -d 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "rotate" -d 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "retire" -d 'Drop a key from the ring: refused for the primary and while anything is sealed under it'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "status" -d 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host\'s clock is from the server\'s'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "migrate" -d 'Bring the schema to this twofa\'s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "copy" -d 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'List audit records, newest first'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Write the log, oldest first, as JSON lines or CSV on stdout'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "head" -d 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "prune" -d 'Remove records older than a date; the rest of the chain stays verifiable'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from hooks" -f -a "list" -d 'List the configured hooks and the events they run on'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from hooks" -f -a "test" -d 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from self" -f -a "enroll" -d 'Enroll yourself: an authenticator app (the default) or your email address'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from self" -f -a "confirm" -d 'Activate your pending factor with a first code from it'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from self" -f -a "send-code" -d 'Send a code to your email (or phone), to prove that you have it'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from self" -f -a "status" -d 'Your factors, policy, compliance, lock and sessions'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from self" -f -a "recovery" -d 'New recovery codes (the old ones stop working); shown once'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from api-token" -f -a "create" -d 'Make a token (printed once); the service audits its requests as `api:NAME`'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from api-token" -f -a "list" -d 'List tokens (never the tokens themselves)'
complete -c twofa -n "__fish_twofa_using_subcommand help; and __fish_seen_subcommand_from api-token" -f -a "revoke" -d 'Revoke a token: it stops working at once'
