
use builtin;
use str;

set edit:completion:arg-completer[twofa] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'twofa'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'twofa'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the database and key (any command that needs them does this too)'
            cand user 'Manage users'
            cand group 'Manage groups'
            cand enroll 'Enroll a user in a second factor'
            cand confirm 'Activate a pending factor with a code from it'
            cand factor 'List or remove a user''s factors'
            cand send-code 'Send a fresh code to a user''s email or phone'
            cand verify 'Check a code: exit 0 accepted, 1 refused, 3 unknown user, 4 locked'
            cand recovery 'Recovery codes for the day a phone is lost'
            cand reset 'Remove all of a user''s factors, recovery codes and sessions (lost phone), with a reason'
            cand unlock 'Lift a user''s lockout and forget their failures'
            cand login 'Log in: password, then a second factor where needed; issues a session'
            cand session 'List, check, revoke and prune sessions'
            cand policy 'Enforcement policies: who must use 2FA, with which methods, after what grace'
            cand status 'A user''s factors, effective policy, compliance, lock and sessions'
            cand report 'Compliance per group, and who is in grace or overdue'
            cand check 'Check config, key, database, audit chain, policies and compliance (for CI): exit 0 sound, 1 not'
            cand key 'The master key: status, rotation'
            cand db 'The database: backend and server status, schema migrations, copying a site between SQLite and PostgreSQL'
            cand backup 'Write a consistent copy of the database (the key is not in it)'
            cand audit 'Read and check the audit log'
            cand pam 'Backend for pam_exec (expose_authtok): user from PAM_USER, code on stdin; exit 0 only when allowed'
            cand hooks 'List the event hooks, or send a sample event to them'
            cand self 'Self-service for the invoking user (run through sudo): enroll, confirm, status, recovery codes'
            cand serve 'Run the HTTP service: JSON API, enrollment pages, metrics (stops on SIGTERM)'
            cand api-token 'Tokens for the callers of `twofa serve`: create, list, revoke'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;init'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Create a user'
            cand passwd 'Set a user''s password (asks twice on a terminal); ends their sessions'
            cand list 'List users'
            cand show 'Show a user with groups, factors and lock state'
            cand set 'Change a user''s email or phone'
            cand remove 'Remove a user and their factors (asks first; --yes without a terminal)'
            cand import 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines'
            cand export 'Export users in the import format (no passwords or secrets)'
            cand disable 'Disable a user: their codes and logins are refused until enabled again; ends their sessions'
            cand enable 'Enable a disabled user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;user;add'= {
            cand --email 'Email address (for email codes)'
            cand --phone 'Phone number in E.164 form, e.g. +4915123456789 (for SMS codes)'
            cand --group 'A group to join (repeatable); one that does not exist yet is created'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --password-stdin 'Read a password from stdin (first line); never give one on the command line'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;passwd'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --password-stdin 'Read the password from stdin (first line)'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;list'= {
            cand --group 'Only members of this group'
            cand --name 'Only users whose name contains this text'
            cand --limit 'At most this many users (sorted by name); 0 for all'
            cand --offset 'Skip this many users first (with --limit: pages of a long list)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --enrolled 'Only users with an active factor'
            cand --unenrolled 'Only users without an active factor'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;show'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;set'= {
            cand --email 'New email address'
            cand --phone 'New phone number (E.164)'
            cand --grace 'With --require-2fa: how long they may still log in without a factor, e.g. 7d (default: none)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --no-email 'Remove the email address'
            cand --no-phone 'Remove the phone number'
            cand --require-2fa 'Require 2FA of this user, whatever their groups'' policies say'
            cand --no-require-2fa 'Lift the user''s own requirement (group and global policies still apply)'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;remove'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;import'= {
            cand --format 'csv or jsonl [default: by the file''s extension, else csv]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --update 'Change existing users to match the file (else they are left alone)'
            cand --dry-run 'Show what would change, and change nothing'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;export'= {
            cand --format 'csv or jsonl'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;disable'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;enable'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;user;help'= {
            cand add 'Create a user'
            cand passwd 'Set a user''s password (asks twice on a terminal); ends their sessions'
            cand list 'List users'
            cand show 'Show a user with groups, factors and lock state'
            cand set 'Change a user''s email or phone'
            cand remove 'Remove a user and their factors (asks first; --yes without a terminal)'
            cand import 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines'
            cand export 'Export users in the import format (no passwords or secrets)'
            cand disable 'Disable a user: their codes and logins are refused until enabled again; ends their sessions'
            cand enable 'Enable a disabled user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;user;help;add'= {
        }
        &'twofa;user;help;passwd'= {
        }
        &'twofa;user;help;list'= {
        }
        &'twofa;user;help;show'= {
        }
        &'twofa;user;help;set'= {
        }
        &'twofa;user;help;remove'= {
        }
        &'twofa;user;help;import'= {
        }
        &'twofa;user;help;export'= {
        }
        &'twofa;user;help;disable'= {
        }
        &'twofa;user;help;enable'= {
        }
        &'twofa;user;help;help'= {
        }
        &'twofa;group'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Create a group'
            cand list 'List groups'
            cand show 'Show a group and its members'
            cand remove 'Remove a group; its members stay (asks first when it has members)'
            cand add-user 'Add users to a group'
            cand remove-user 'Take users out of a group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;group;add'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;group;list'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;group;show'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;group;remove'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;group;add-user'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;group;remove-user'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;group;help'= {
            cand add 'Create a group'
            cand list 'List groups'
            cand show 'Show a group and its members'
            cand remove 'Remove a group; its members stay (asks first when it has members)'
            cand add-user 'Add users to a group'
            cand remove-user 'Take users out of a group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;group;help;add'= {
        }
        &'twofa;group;help;list'= {
        }
        &'twofa;group;help;show'= {
        }
        &'twofa;group;help;remove'= {
        }
        &'twofa;group;help;add-user'= {
        }
        &'twofa;group;help;remove-user'= {
        }
        &'twofa;group;help;help'= {
        }
        &'twofa;enroll'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand totp 'Enroll a user in an authenticator app (TOTP) and show the QR code'
            cand email 'Enroll a user''s email address: a code is sent to it, to be confirmed with `twofa confirm`'
            cand hotp 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin'
            cand link 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`'
            cand sms 'Enroll a user''s phone for SMS codes (needs `[sms] enabled = true`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;enroll;totp'= {
            cand --issuer 'Issuer shown in the app [default: the config''s `issuer`]'
            cand --algorithm 'HMAC algorithm (some apps ignore anything but SHA1) [default: the config''s]'
            cand --digits 'Code length, 6 or 8 (some apps ignore 8) [default: the config''s]'
            cand --period 'Seconds per code, 15 to 300 [default: the config''s]'
            cand --qr-png 'Also write the QR code as a PNG file (mode 0600: it holds the secret)'
            cand --qr-svg 'Also write the QR code as an SVG file (mode 0600: it holds the secret)'
            cand --group 'With --add-user: groups for the new user (repeatable)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --no-confirm 'Make the factor active at once, without a first code (imported seeds, hardware tokens)'
            cand --secret-stdin 'Read an existing base32 seed from stdin instead of generating one'
            cand --hex 'With --secret-stdin: the seed is hex (oathtool''s format), not base32'
            cand --invert 'Draw the terminal QR code for a light-background terminal'
            cand --qr 'Draw the QR code in the terminal even when stdout is not a terminal'
            cand --replace 'Replace the user''s TOTP factor; the old one works until the new one is confirmed'
            cand --add-user 'Create the user first if they do not exist'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;enroll;email'= {
            cand --email 'The address [default: the user''s email]; it becomes the user''s email once confirmed'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;enroll;hotp'= {
            cand --counter 'The counter of the token''s next code'
            cand --digits 'Code length'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --secret-stdin 'Read the token''s seed from stdin (base32, or hex with --hex); required: twofa does not make HOTP seeds'
            cand --hex 'The seed on stdin is hex (oathtool''s format), not base32'
            cand --no-confirm 'Make the factor active at once, without a first code'
            cand --replace 'Replace the user''s HOTP factor'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;enroll;link'= {
            cand --expires 'How long the link works [default: the config''s `[serve] enroll_link_lifetime`, 24h]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;enroll;sms'= {
            cand --phone 'The number in E.164 form [default: the user''s phone]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;enroll;help'= {
            cand totp 'Enroll a user in an authenticator app (TOTP) and show the QR code'
            cand email 'Enroll a user''s email address: a code is sent to it, to be confirmed with `twofa confirm`'
            cand hotp 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin'
            cand link 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`'
            cand sms 'Enroll a user''s phone for SMS codes (needs `[sms] enabled = true`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;enroll;help;totp'= {
        }
        &'twofa;enroll;help;email'= {
        }
        &'twofa;enroll;help;hotp'= {
        }
        &'twofa;enroll;help;link'= {
        }
        &'twofa;enroll;help;sms'= {
        }
        &'twofa;enroll;help;help'= {
        }
        &'twofa;confirm'= {
            cand --factor 'The pending factor [default: the user''s only pending factor]'
            cand --code 'The code [default: read from stdin, or asked for on a terminal]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;factor'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand import 'Import authenticator factors from another system''s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator''s export, oath-toolkit''s users file'
            cand export 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`'
            cand resync 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes'
            cand list 'List a user''s factors'
            cand remove 'Remove one of a user''s factors (asks first; --yes without a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;factor;import'= {
            cand --format 'The format: auto (recognised by content), uri, google-authenticator, authelia-csv, authelia-yaml, authelia-uri, aegis, andotp, 2fas, freeotp-plus, privacyidea-yaml, otpauth-migration, oath-usersfile'
            cand --from-homes 'Read every /home/*/.google_authenticator and /root/.google_authenticator (under ROOT, default /), each for the user who owns it'
            cand --user 'Every entry is this user''s (one person''s app backup)'
            cand --user-from 'Where the user name comes from when the file gives none: the label''s account part'
            cand --user-map 'A file of `LABEL USERNAME` lines: the user of each entry by its label''s account part'
            cand --issuer 'Only entries of this issuer (case-insensitive)'
            cand --match 'Only entries whose label or issuer contains this text (case-insensitive)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --dry-run 'Show what would change, and change nothing'
            cand --replace 'Replace users'' existing authenticator factors (and recovery codes, for scratch codes)'
            cand --add-users 'Create users that do not exist yet'
            cand --skip-invalid 'Import the valid entries and report the others, instead of changing nothing'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;factor;export'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --include-secrets 'Write the secrets themselves (needs --yes; audited)'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;factor;resync'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;factor;list'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;factor;remove'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;factor;help'= {
            cand import 'Import authenticator factors from another system''s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator''s export, oath-toolkit''s users file'
            cand export 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`'
            cand resync 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes'
            cand list 'List a user''s factors'
            cand remove 'Remove one of a user''s factors (asks first; --yes without a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;factor;help;import'= {
        }
        &'twofa;factor;help;export'= {
        }
        &'twofa;factor;help;resync'= {
        }
        &'twofa;factor;help;list'= {
        }
        &'twofa;factor;help;remove'= {
        }
        &'twofa;factor;help;help'= {
        }
        &'twofa;send-code'= {
            cand --method 'Where to send it [default: email if the user has it, else SMS]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;verify'= {
            cand --method 'Which factor the code comes from'
            cand --code 'The code [default: read from stdin, or asked for on a terminal]; spaces and dashes are ignored'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;recovery'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Make a new set of recovery codes (the old set stops working); shown once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;recovery;generate'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;recovery;help'= {
            cand generate 'Make a new set of recovery codes (the old set stops working); shown once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;recovery;help;generate'= {
        }
        &'twofa;recovery;help;help'= {
        }
        &'twofa;reset'= {
            cand --reason 'Why (required; recorded in the audit log and shown by `twofa status`)'
            cand --grace 'A fresh grace period to enroll again, even where the policy''s has passed, e.g. 3d'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --dry-run 'Show what would be removed, and change nothing'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;unlock'= {
            cand --reason 'Why, for the audit log (shown by `twofa status`)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;login'= {
            cand --code 'The second-factor code'
            cand --method 'Which factor the code comes from'
            cand --bind 'Bind the session to a client fingerprint (e.g. its IP, or a hash of its user agent)'
            cand --source 'Where the login comes from (e.g. the client''s IP): recorded as the audit source, and failures are throttled per source, so guesses from one place do not lock out another'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --password-stdin 'Read the password from stdin (first line); a second line may hold the code'
            cand --challenge-stdin 'Second step of a two-step login: read the challenge from stdin'
            cand --send 'First step: also send an email or SMS code (with --method email|sms, or the user''s default)'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;session'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List live sessions (of one user, or all)'
            cand check 'Check a session token read from stdin: exit 0 valid, 1 not'
            cand revoke 'Revoke a session, or all of a user''s'
            cand prune 'Delete sessions that have expired or were revoked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;session;list'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --all 'Include expired and revoked sessions'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;session;check'= {
            cand --bind 'The client fingerprint the session was bound to at login'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --token-stdin 'Read the token from stdin (the only way: tokens never go on the command line)'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;session;revoke'= {
            cand --user 'All sessions of this user (with --all)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --all 'With --user: every session of that user'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;session;prune'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;session;help'= {
            cand list 'List live sessions (of one user, or all)'
            cand check 'Check a session token read from stdin: exit 0 valid, 1 not'
            cand revoke 'Revoke a session, or all of a user''s'
            cand prune 'Delete sessions that have expired or were revoked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;session;help;list'= {
        }
        &'twofa;session;help;check'= {
        }
        &'twofa;session;help;revoke'= {
        }
        &'twofa;session;help;prune'= {
        }
        &'twofa;session;help;help'= {
        }
        &'twofa;policy'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set the global policy or a group''s'
            cand unset 'Remove the global policy or a group''s'
            cand list 'List the policies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;policy;set'= {
            cand --methods 'Allowed methods, e.g. totp,email (within the config''s [auth] methods); "all" lifts the restriction'
            cand --grace 'How long a member who must enroll may still log in without a factor, e.g. 7d'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --global 'The global policy, for every user'
            cand --require 'Members must use a second factor'
            cand --optional 'A second factor is optional'
            cand --dry-run 'Show how many users would become overdue or stay in grace, and change nothing'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;policy;unset'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --global 'The global policy, for every user'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;policy;list'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;policy;help'= {
            cand set 'Set the global policy or a group''s'
            cand unset 'Remove the global policy or a group''s'
            cand list 'List the policies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;policy;help;set'= {
        }
        &'twofa;policy;help;unset'= {
        }
        &'twofa;policy;help;list'= {
        }
        &'twofa;policy;help;help'= {
        }
        &'twofa;status'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;report'= {
            cand --group 'Only this group'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;check'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --smtp 'Also connect to the SMTP server, negotiate TLS and authenticate (nothing is sent)'
            cand --strict 'Treat warnings (such as users overdue for enrollment) as failures'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;key'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Show the key ring (each key''s id, role and how many secrets it seals), its file and permissions'
            cand add 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`'
            cand rotate 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring'
            cand retire 'Drop a key from the ring: refused for the primary and while anything is sealed under it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;key;status'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;key;add'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;key;rotate'= {
            cand --new-key-file 'Import the primary key of this key file (it is only read, never changed) instead of a new random key'
            cand --to 'Rotate to this key already in the ring (see `key add`)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;key;retire'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;key;help'= {
            cand status 'Show the key ring (each key''s id, role and how many secrets it seals), its file and permissions'
            cand add 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`'
            cand rotate 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring'
            cand retire 'Drop a key from the ring: refused for the primary and while anything is sealed under it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;key;help;status'= {
        }
        &'twofa;key;help;add'= {
        }
        &'twofa;key;help;rotate'= {
        }
        &'twofa;key;help;retire'= {
        }
        &'twofa;key;help;help'= {
        }
        &'twofa;db'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host''s clock is from the server''s'
            cand migrate 'Bring the schema to this twofa''s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)'
            cand copy 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;db;status'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;db;migrate'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;db;copy'= {
            cand --from 'The database to copy (an SQLite path or a postgres:// URL); --db / TWOFA_DB when omitted'
            cand --to 'The new database (an SQLite path or a postgres:// URL); refused if it already holds one'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;db;help'= {
            cand status 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host''s clock is from the server''s'
            cand migrate 'Bring the schema to this twofa''s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)'
            cand copy 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;db;help;status'= {
        }
        &'twofa;db;help;migrate'= {
        }
        &'twofa;db;help;copy'= {
        }
        &'twofa;db;help;help'= {
        }
        &'twofa;backup'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;audit'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List audit records, newest first'
            cand verify 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row'
            cand export 'Write the log, oldest first, as JSON lines or CSV on stdout'
            cand head 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else'
            cand prune 'Remove records older than a date; the rest of the chain stays verifiable'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;audit;list'= {
            cand --user 'Only records about this user'
            cand --action 'Only this action (e.g. verify, enroll, user.create; `user` matches all user.*), or an event name (verify.failure: action verify, outcome failure)'
            cand --outcome 'Only this outcome (success, failure, denied, locked, ...)'
            cand --since 'Only records since then: 2026-11-28T07:00:00Z, 2026-11-28, or how long ago (2h, 7d)'
            cand --limit 'At most this many records, newest first; 0 for all'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;audit;verify'= {
            cand --expect-head 'A pin from `twofa audit head` (ID:HASH, or a bare HASH): also detect rows cut off the end or rewritten after it'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;audit;export'= {
            cand --format 'jsonl or csv'
            cand --since 'Only records since then: RFC 3339, a date, or how long ago (7d)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;audit;head'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;audit;prune'= {
            cand --before 'Remove records before this time: RFC 3339, a date, or how long ago (365d)'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;audit;help'= {
            cand list 'List audit records, newest first'
            cand verify 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row'
            cand export 'Write the log, oldest first, as JSON lines or CSV on stdout'
            cand head 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else'
            cand prune 'Remove records older than a date; the rest of the chain stays verifiable'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;audit;help;list'= {
        }
        &'twofa;audit;help;verify'= {
        }
        &'twofa;audit;help;export'= {
        }
        &'twofa;audit;help;head'= {
        }
        &'twofa;audit;help;prune'= {
        }
        &'twofa;audit;help;help'= {
        }
        &'twofa;pam'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --require-code 'Let in only users whose code is accepted: refuse users without a factor, whatever their policy (for stacks where the code replaces the password, such as sudo''s)'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;hooks'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the configured hooks and the events they run on'
            cand test 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;hooks;list'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;hooks;test'= {
            cand --user 'The user named in the sample event'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;hooks;help'= {
            cand list 'List the configured hooks and the events they run on'
            cand test 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;hooks;help;list'= {
        }
        &'twofa;hooks;help;test'= {
        }
        &'twofa;hooks;help;help'= {
        }
        &'twofa;self'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enroll 'Enroll yourself: an authenticator app (the default) or your email address'
            cand confirm 'Activate your pending factor with a first code from it'
            cand send-code 'Send a code to your email (or phone), to prove that you have it'
            cand status 'Your factors, policy, compliance, lock and sessions'
            cand recovery 'New recovery codes (the old ones stop working); shown once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;self;enroll'= {
            cand --code 'When you already have a factor: a current code from it, or a recovery code [default: asked for on a terminal, else the first line of stdin]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --replace 'Replace your authenticator app (a new phone); the old one works until the new one is confirmed'
            cand --invert 'Draw the QR code for a light-background terminal'
            cand --qr 'Draw the QR code even when stdout is not a terminal'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;self;confirm'= {
            cand --factor 'The pending factor [default: your only pending factor]'
            cand --code 'The first code from the new factor [default: asked for on a terminal, else the first line of stdin]'
            cand --current-code 'When you already have another factor: a current code from it, or a recovery code [default: asked for on a terminal, else the second line of stdin]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;self;send-code'= {
            cand --method 'Where to send it [default: email if you have it, else SMS]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;self;status'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;self;recovery'= {
            cand --code 'When you already have a factor: a current code from it, or a recovery code [default: asked for on a terminal, else the first line of stdin]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;self;help'= {
            cand enroll 'Enroll yourself: an authenticator app (the default) or your email address'
            cand confirm 'Activate your pending factor with a first code from it'
            cand send-code 'Send a code to your email (or phone), to prove that you have it'
            cand status 'Your factors, policy, compliance, lock and sessions'
            cand recovery 'New recovery codes (the old ones stop working); shown once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;self;help;enroll'= {
        }
        &'twofa;self;help;confirm'= {
        }
        &'twofa;self;help;send-code'= {
        }
        &'twofa;self;help;status'= {
        }
        &'twofa;self;help;recovery'= {
        }
        &'twofa;self;help;help'= {
        }
        &'twofa;serve'= {
            cand --listen 'Where to listen: HOST:PORT (loopback, unless TLS or --behind-proxy) or unix:PATH; repeatable [default: the config''s `[serve] listen`]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --behind-proxy 'Allow plain HTTP on a non-loopback address, for a TLS proxy in front; the proxies'' addresses (`[serve] trusted_proxies`) are believed for X-Forwarded-For'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;api-token'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Make a token (printed once); the service audits its requests as `api:NAME`'
            cand list 'List tokens (never the tokens themselves)'
            cand revoke 'Revoke a token: it stops working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;api-token;create'= {
            cand --scope 'What it may do: verify, enroll, admin, metrics (comma-separated)'
            cand --expires 'How long it works, e.g. 90d [default: until revoked]'
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;api-token;list'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --all 'Include revoked tokens'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;api-token;revoke'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;api-token;help'= {
            cand create 'Make a token (printed once); the service audits its requests as `api:NAME`'
            cand list 'List tokens (never the tokens themselves)'
            cand revoke 'Revoke a token: it stops working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;api-token;help;create'= {
        }
        &'twofa;api-token;help;list'= {
        }
        &'twofa;api-token;help;revoke'= {
        }
        &'twofa;api-token;help;help'= {
        }
        &'twofa;completions'= {
            cand --db 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]'
            cand --config 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]'
            cand --key-file 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]'
            cand --actor 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]'
            cand --json 'Print one JSON document on stdout'
            cand -y 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands without a terminal)'
            cand --create 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing'
            cand -q 'Print nothing on stderr but errors'
            cand --quiet 'Print nothing on stderr but errors'
            cand -v 'Say more on stderr about what is done'
            cand --verbose 'Say more on stderr about what is done'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'twofa;help'= {
            cand init 'Create the database and key (any command that needs them does this too)'
            cand user 'Manage users'
            cand group 'Manage groups'
            cand enroll 'Enroll a user in a second factor'
            cand confirm 'Activate a pending factor with a code from it'
            cand factor 'List or remove a user''s factors'
            cand send-code 'Send a fresh code to a user''s email or phone'
            cand verify 'Check a code: exit 0 accepted, 1 refused, 3 unknown user, 4 locked'
            cand recovery 'Recovery codes for the day a phone is lost'
            cand reset 'Remove all of a user''s factors, recovery codes and sessions (lost phone), with a reason'
            cand unlock 'Lift a user''s lockout and forget their failures'
            cand login 'Log in: password, then a second factor where needed; issues a session'
            cand session 'List, check, revoke and prune sessions'
            cand policy 'Enforcement policies: who must use 2FA, with which methods, after what grace'
            cand status 'A user''s factors, effective policy, compliance, lock and sessions'
            cand report 'Compliance per group, and who is in grace or overdue'
            cand check 'Check config, key, database, audit chain, policies and compliance (for CI): exit 0 sound, 1 not'
            cand key 'The master key: status, rotation'
            cand db 'The database: backend and server status, schema migrations, copying a site between SQLite and PostgreSQL'
            cand backup 'Write a consistent copy of the database (the key is not in it)'
            cand audit 'Read and check the audit log'
            cand pam 'Backend for pam_exec (expose_authtok): user from PAM_USER, code on stdin; exit 0 only when allowed'
            cand hooks 'List the event hooks, or send a sample event to them'
            cand self 'Self-service for the invoking user (run through sudo): enroll, confirm, status, recovery codes'
            cand serve 'Run the HTTP service: JSON API, enrollment pages, metrics (stops on SIGTERM)'
            cand api-token 'Tokens for the callers of `twofa serve`: create, list, revoke'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twofa;help;init'= {
        }
        &'twofa;help;user'= {
            cand add 'Create a user'
            cand passwd 'Set a user''s password (asks twice on a terminal); ends their sessions'
            cand list 'List users'
            cand show 'Show a user with groups, factors and lock state'
            cand set 'Change a user''s email or phone'
            cand remove 'Remove a user and their factors (asks first; --yes without a terminal)'
            cand import 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines'
            cand export 'Export users in the import format (no passwords or secrets)'
            cand disable 'Disable a user: their codes and logins are refused until enabled again; ends their sessions'
            cand enable 'Enable a disabled user'
        }
        &'twofa;help;user;add'= {
        }
        &'twofa;help;user;passwd'= {
        }
        &'twofa;help;user;list'= {
        }
        &'twofa;help;user;show'= {
        }
        &'twofa;help;user;set'= {
        }
        &'twofa;help;user;remove'= {
        }
        &'twofa;help;user;import'= {
        }
        &'twofa;help;user;export'= {
        }
        &'twofa;help;user;disable'= {
        }
        &'twofa;help;user;enable'= {
        }
        &'twofa;help;group'= {
            cand add 'Create a group'
            cand list 'List groups'
            cand show 'Show a group and its members'
            cand remove 'Remove a group; its members stay (asks first when it has members)'
            cand add-user 'Add users to a group'
            cand remove-user 'Take users out of a group'
        }
        &'twofa;help;group;add'= {
        }
        &'twofa;help;group;list'= {
        }
        &'twofa;help;group;show'= {
        }
        &'twofa;help;group;remove'= {
        }
        &'twofa;help;group;add-user'= {
        }
        &'twofa;help;group;remove-user'= {
        }
        &'twofa;help;enroll'= {
            cand totp 'Enroll a user in an authenticator app (TOTP) and show the QR code'
            cand email 'Enroll a user''s email address: a code is sent to it, to be confirmed with `twofa confirm`'
            cand hotp 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin'
            cand link 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`'
            cand sms 'Enroll a user''s phone for SMS codes (needs `[sms] enabled = true`)'
        }
        &'twofa;help;enroll;totp'= {
        }
        &'twofa;help;enroll;email'= {
        }
        &'twofa;help;enroll;hotp'= {
        }
        &'twofa;help;enroll;link'= {
        }
        &'twofa;help;enroll;sms'= {
        }
        &'twofa;help;confirm'= {
        }
        &'twofa;help;factor'= {
            cand import 'Import authenticator factors from another system''s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator''s export, oath-toolkit''s users file'
            cand export 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`'
            cand resync 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes'
            cand list 'List a user''s factors'
            cand remove 'Remove one of a user''s factors (asks first; --yes without a terminal)'
        }
        &'twofa;help;factor;import'= {
        }
        &'twofa;help;factor;export'= {
        }
        &'twofa;help;factor;resync'= {
        }
        &'twofa;help;factor;list'= {
        }
        &'twofa;help;factor;remove'= {
        }
        &'twofa;help;send-code'= {
        }
        &'twofa;help;verify'= {
        }
        &'twofa;help;recovery'= {
            cand generate 'Make a new set of recovery codes (the old set stops working); shown once'
        }
        &'twofa;help;recovery;generate'= {
        }
        &'twofa;help;reset'= {
        }
        &'twofa;help;unlock'= {
        }
        &'twofa;help;login'= {
        }
        &'twofa;help;session'= {
            cand list 'List live sessions (of one user, or all)'
            cand check 'Check a session token read from stdin: exit 0 valid, 1 not'
            cand revoke 'Revoke a session, or all of a user''s'
            cand prune 'Delete sessions that have expired or were revoked'
        }
        &'twofa;help;session;list'= {
        }
        &'twofa;help;session;check'= {
        }
        &'twofa;help;session;revoke'= {
        }
        &'twofa;help;session;prune'= {
        }
        &'twofa;help;policy'= {
            cand set 'Set the global policy or a group''s'
            cand unset 'Remove the global policy or a group''s'
            cand list 'List the policies'
        }
        &'twofa;help;policy;set'= {
        }
        &'twofa;help;policy;unset'= {
        }
        &'twofa;help;policy;list'= {
        }
        &'twofa;help;status'= {
        }
        &'twofa;help;report'= {
        }
        &'twofa;help;check'= {
        }
        &'twofa;help;key'= {
            cand status 'Show the key ring (each key''s id, role and how many secrets it seals), its file and permissions'
            cand add 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`'
            cand rotate 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring'
            cand retire 'Drop a key from the ring: refused for the primary and while anything is sealed under it'
        }
        &'twofa;help;key;status'= {
        }
        &'twofa;help;key;add'= {
        }
        &'twofa;help;key;rotate'= {
        }
        &'twofa;help;key;retire'= {
        }
        &'twofa;help;db'= {
            cand status 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host''s clock is from the server''s'
            cand migrate 'Bring the schema to this twofa''s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)'
            cand copy 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits'
        }
        &'twofa;help;db;status'= {
        }
        &'twofa;help;db;migrate'= {
        }
        &'twofa;help;db;copy'= {
        }
        &'twofa;help;backup'= {
        }
        &'twofa;help;audit'= {
            cand list 'List audit records, newest first'
            cand verify 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row'
            cand export 'Write the log, oldest first, as JSON lines or CSV on stdout'
            cand head 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else'
            cand prune 'Remove records older than a date; the rest of the chain stays verifiable'
        }
        &'twofa;help;audit;list'= {
        }
        &'twofa;help;audit;verify'= {
        }
        &'twofa;help;audit;export'= {
        }
        &'twofa;help;audit;head'= {
        }
        &'twofa;help;audit;prune'= {
        }
        &'twofa;help;pam'= {
        }
        &'twofa;help;hooks'= {
            cand list 'List the configured hooks and the events they run on'
            cand test 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied'
        }
        &'twofa;help;hooks;list'= {
        }
        &'twofa;help;hooks;test'= {
        }
        &'twofa;help;self'= {
            cand enroll 'Enroll yourself: an authenticator app (the default) or your email address'
            cand confirm 'Activate your pending factor with a first code from it'
            cand send-code 'Send a code to your email (or phone), to prove that you have it'
            cand status 'Your factors, policy, compliance, lock and sessions'
            cand recovery 'New recovery codes (the old ones stop working); shown once'
        }
        &'twofa;help;self;enroll'= {
        }
        &'twofa;help;self;confirm'= {
        }
        &'twofa;help;self;send-code'= {
        }
        &'twofa;help;self;status'= {
        }
        &'twofa;help;self;recovery'= {
        }
        &'twofa;help;serve'= {
        }
        &'twofa;help;api-token'= {
            cand create 'Make a token (printed once); the service audits its requests as `api:NAME`'
            cand list 'List tokens (never the tokens themselves)'
            cand revoke 'Revoke a token: it stops working at once'
        }
        &'twofa;help;api-token;create'= {
        }
        &'twofa;help;api-token;list'= {
        }
        &'twofa;help;api-token;revoke'= {
        }
        &'twofa;help;completions'= {
        }
        &'twofa;help;help'= {
        }
    ]
    $completions[$command]
}
