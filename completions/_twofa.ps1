
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'twofa' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'twofa'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'twofa' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database and key (any command that needs them does this too)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Manage groups')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll a user in a second factor')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate a pending factor with a code from it')
            [CompletionResult]::new('factor', 'factor', [CompletionResultType]::ParameterValue, 'List or remove a user''s factors')
            [CompletionResult]::new('send-code', 'send-code', [CompletionResultType]::ParameterValue, 'Send a fresh code to a user''s email or phone')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a code: exit 0 accepted, 1 refused, 3 unknown user, 4 locked')
            [CompletionResult]::new('recovery', 'recovery', [CompletionResultType]::ParameterValue, 'Recovery codes for the day a phone is lost')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Remove all of a user''s factors, recovery codes and sessions (lost phone), with a reason')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift a user''s lockout and forget their failures')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in: password, then a second factor where needed; issues a session')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'List, check, revoke and prune sessions')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Enforcement policies: who must use 2FA, with which methods, after what grace')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'A user''s factors, effective policy, compliance, lock and sessions')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Compliance per group, and who is in grace or overdue')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check config, key, database, audit chain, policies and compliance (for CI): exit 0 sound, 1 not')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'The master key: status, rotation')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database: backend and server status, schema migrations, copying a site between SQLite and PostgreSQL')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent copy of the database (the key is not in it)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and check the audit log')
            [CompletionResult]::new('pam', 'pam', [CompletionResultType]::ParameterValue, 'Backend for pam_exec (expose_authtok): user from PAM_USER, code on stdin; exit 0 only when allowed')
            [CompletionResult]::new('hooks', 'hooks', [CompletionResultType]::ParameterValue, 'List the event hooks, or send a sample event to them')
            [CompletionResult]::new('self', 'self', [CompletionResultType]::ParameterValue, 'Self-service for the invoking user (run through sudo): enroll, confirm, status, recovery codes')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the HTTP service: JSON API, enrollment pages, metrics (stops on SIGTERM)')
            [CompletionResult]::new('api-token', 'api-token', [CompletionResultType]::ParameterValue, 'Tokens for the callers of `twofa serve`: create, list, revoke')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a user')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password (asks twice on a terminal); ends their sessions')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a user with groups, factors and lock state')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a user''s email or phone')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user and their factors (asks first; --yes without a terminal)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export users in the import format (no passwords or secrets)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: their codes and logins are refused until enabled again; ends their sessions')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;user;add' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address (for email codes)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone number in E.164 form, e.g. +4915123456789 (for SMS codes)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'A group to join (repeatable); one that does not exist yet is created')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read a password from stdin (first line); never give one on the command line')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;passwd' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin (first line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;list' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only members of this group')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only users whose name contains this text')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many users (sorted by name); 0 for all')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip this many users first (with --limit: pages of a long list)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--enrolled', '--enrolled', [CompletionResultType]::ParameterName, 'Only users with an active factor')
            [CompletionResult]::new('--unenrolled', '--unenrolled', [CompletionResultType]::ParameterName, 'Only users without an active factor')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;set' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'New email address')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'New phone number (E.164)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'With --require-2fa: how long they may still log in without a factor, e.g. 7d (default: none)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--no-email', '--no-email', [CompletionResultType]::ParameterName, 'Remove the email address')
            [CompletionResult]::new('--no-phone', '--no-phone', [CompletionResultType]::ParameterName, 'Remove the phone number')
            [CompletionResult]::new('--require-2fa', '--require-2fa', [CompletionResultType]::ParameterName, 'Require 2FA of this user, whatever their groups'' policies say')
            [CompletionResult]::new('--no-require-2fa', '--no-require-2fa', [CompletionResultType]::ParameterName, 'Lift the user''s own requirement (group and global policies still apply)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'csv or jsonl [default: by the file''s extension, else csv]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--update', '--update', [CompletionResultType]::ParameterName, 'Change existing users to match the file (else they are left alone)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'csv or jsonl')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a user')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password (asks twice on a terminal); ends their sessions')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a user with groups, factors and lock state')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a user''s email or phone')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user and their factors (asks first; --yes without a terminal)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export users in the import format (no passwords or secrets)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: their codes and logins are refused until enabled again; ends their sessions')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;user;help;add' {
            break
        }
        'twofa;user;help;passwd' {
            break
        }
        'twofa;user;help;list' {
            break
        }
        'twofa;user;help;show' {
            break
        }
        'twofa;user;help;set' {
            break
        }
        'twofa;user;help;remove' {
            break
        }
        'twofa;user;help;import' {
            break
        }
        'twofa;user;help;export' {
            break
        }
        'twofa;user;help;disable' {
            break
        }
        'twofa;user;help;enable' {
            break
        }
        'twofa;user;help;help' {
            break
        }
        'twofa;group' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a group')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a group and its members')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group; its members stay (asks first when it has members)')
            [CompletionResult]::new('add-user', 'add-user', [CompletionResultType]::ParameterValue, 'Add users to a group')
            [CompletionResult]::new('remove-user', 'remove-user', [CompletionResultType]::ParameterValue, 'Take users out of a group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;group;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;group;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;group;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;group;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;group;add-user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;group;remove-user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;group;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a group')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a group and its members')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group; its members stay (asks first when it has members)')
            [CompletionResult]::new('add-user', 'add-user', [CompletionResultType]::ParameterValue, 'Add users to a group')
            [CompletionResult]::new('remove-user', 'remove-user', [CompletionResultType]::ParameterValue, 'Take users out of a group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;group;help;add' {
            break
        }
        'twofa;group;help;list' {
            break
        }
        'twofa;group;help;show' {
            break
        }
        'twofa;group;help;remove' {
            break
        }
        'twofa;group;help;add-user' {
            break
        }
        'twofa;group;help;remove-user' {
            break
        }
        'twofa;group;help;help' {
            break
        }
        'twofa;enroll' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('totp', 'totp', [CompletionResultType]::ParameterValue, 'Enroll a user in an authenticator app (TOTP) and show the QR code')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'Enroll a user''s email address: a code is sent to it, to be confirmed with `twofa confirm`')
            [CompletionResult]::new('hotp', 'hotp', [CompletionResultType]::ParameterValue, 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'Enroll a user''s phone for SMS codes (needs `[sms] enabled = true`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;enroll;totp' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer shown in the app [default: the config''s `issuer`]')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'HMAC algorithm (some apps ignore anything but SHA1) [default: the config''s]')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Code length, 6 or 8 (some apps ignore 8) [default: the config''s]')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'Seconds per code, 15 to 300 [default: the config''s]')
            [CompletionResult]::new('--qr-png', '--qr-png', [CompletionResultType]::ParameterName, 'Also write the QR code as a PNG file (mode 0600: it holds the secret)')
            [CompletionResult]::new('--qr-svg', '--qr-svg', [CompletionResultType]::ParameterName, 'Also write the QR code as an SVG file (mode 0600: it holds the secret)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'With --add-user: groups for the new user (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--no-confirm', '--no-confirm', [CompletionResultType]::ParameterName, 'Make the factor active at once, without a first code (imported seeds, hardware tokens)')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read an existing base32 seed from stdin instead of generating one')
            [CompletionResult]::new('--hex', '--hex', [CompletionResultType]::ParameterName, 'With --secret-stdin: the seed is hex (oathtool''s format), not base32')
            [CompletionResult]::new('--invert', '--invert', [CompletionResultType]::ParameterName, 'Draw the terminal QR code for a light-background terminal')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Draw the QR code in the terminal even when stdout is not a terminal')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace the user''s TOTP factor; the old one works until the new one is confirmed')
            [CompletionResult]::new('--add-user', '--add-user', [CompletionResultType]::ParameterName, 'Create the user first if they do not exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;enroll;email' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The address [default: the user''s email]; it becomes the user''s email once confirmed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;enroll;hotp' {
            [CompletionResult]::new('--counter', '--counter', [CompletionResultType]::ParameterName, 'The counter of the token''s next code')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Code length')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the token''s seed from stdin (base32, or hex with --hex); required: twofa does not make HOTP seeds')
            [CompletionResult]::new('--hex', '--hex', [CompletionResultType]::ParameterName, 'The seed on stdin is hex (oathtool''s format), not base32')
            [CompletionResult]::new('--no-confirm', '--no-confirm', [CompletionResultType]::ParameterName, 'Make the factor active at once, without a first code')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace the user''s HOTP factor')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;enroll;link' {
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long the link works [default: the config''s `[serve] enroll_link_lifetime`, 24h]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;enroll;sms' {
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'The number in E.164 form [default: the user''s phone]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;enroll;help' {
            [CompletionResult]::new('totp', 'totp', [CompletionResultType]::ParameterValue, 'Enroll a user in an authenticator app (TOTP) and show the QR code')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'Enroll a user''s email address: a code is sent to it, to be confirmed with `twofa confirm`')
            [CompletionResult]::new('hotp', 'hotp', [CompletionResultType]::ParameterValue, 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'Enroll a user''s phone for SMS codes (needs `[sms] enabled = true`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;enroll;help;totp' {
            break
        }
        'twofa;enroll;help;email' {
            break
        }
        'twofa;enroll;help;hotp' {
            break
        }
        'twofa;enroll;help;link' {
            break
        }
        'twofa;enroll;help;sms' {
            break
        }
        'twofa;enroll;help;help' {
            break
        }
        'twofa;confirm' {
            [CompletionResult]::new('--factor', '--factor', [CompletionResultType]::ParameterName, 'The pending factor [default: the user''s only pending factor]')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'The code [default: read from stdin, or asked for on a terminal]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;factor' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import authenticator factors from another system''s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator''s export, oath-toolkit''s users file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`')
            [CompletionResult]::new('resync', 'resync', [CompletionResultType]::ParameterValue, 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s factors')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one of a user''s factors (asks first; --yes without a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;factor;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The format: auto (recognised by content), uri, google-authenticator, authelia-csv, authelia-yaml, authelia-uri, aegis, andotp, 2fas, freeotp-plus, privacyidea-yaml, otpauth-migration, oath-usersfile')
            [CompletionResult]::new('--from-homes', '--from-homes', [CompletionResultType]::ParameterName, 'Read every /home/*/.google_authenticator and /root/.google_authenticator (under ROOT, default /), each for the user who owns it')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Every entry is this user''s (one person''s app backup)')
            [CompletionResult]::new('--user-from', '--user-from', [CompletionResultType]::ParameterName, 'Where the user name comes from when the file gives none: the label''s account part')
            [CompletionResult]::new('--user-map', '--user-map', [CompletionResultType]::ParameterName, 'A file of `LABEL USERNAME` lines: the user of each entry by its label''s account part')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Only entries of this issuer (case-insensitive)')
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Only entries whose label or issuer contains this text (case-insensitive)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, and change nothing')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace users'' existing authenticator factors (and recovery codes, for scratch codes)')
            [CompletionResult]::new('--add-users', '--add-users', [CompletionResultType]::ParameterName, 'Create users that do not exist yet')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Import the valid entries and report the others, instead of changing nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;factor;export' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--include-secrets', '--include-secrets', [CompletionResultType]::ParameterName, 'Write the secrets themselves (needs --yes; audited)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;factor;resync' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;factor;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;factor;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;factor;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import authenticator factors from another system''s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator''s export, oath-toolkit''s users file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`')
            [CompletionResult]::new('resync', 'resync', [CompletionResultType]::ParameterValue, 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s factors')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one of a user''s factors (asks first; --yes without a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;factor;help;import' {
            break
        }
        'twofa;factor;help;export' {
            break
        }
        'twofa;factor;help;resync' {
            break
        }
        'twofa;factor;help;list' {
            break
        }
        'twofa;factor;help;remove' {
            break
        }
        'twofa;factor;help;help' {
            break
        }
        'twofa;send-code' {
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Where to send it [default: email if the user has it, else SMS]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;verify' {
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Which factor the code comes from')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'The code [default: read from stdin, or asked for on a terminal]; spaces and dashes are ignored')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;recovery' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make a new set of recovery codes (the old set stops working); shown once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;recovery;generate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;recovery;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make a new set of recovery codes (the old set stops working); shown once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;recovery;help;generate' {
            break
        }
        'twofa;recovery;help;help' {
            break
        }
        'twofa;reset' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (required; recorded in the audit log and shown by `twofa status`)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'A fresh grace period to enroll again, even where the policy''s has passed, e.g. 3d')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be removed, and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;unlock' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, for the audit log (shown by `twofa status`)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;login' {
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'The second-factor code')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Which factor the code comes from')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the session to a client fingerprint (e.g. its IP, or a hash of its user agent)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the login comes from (e.g. the client''s IP): recorded as the audit source, and failures are throttled per source, so guesses from one place do not lock out another')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin (first line); a second line may hold the code')
            [CompletionResult]::new('--challenge-stdin', '--challenge-stdin', [CompletionResultType]::ParameterName, 'Second step of a two-step login: read the challenge from stdin')
            [CompletionResult]::new('--send', '--send', [CompletionResultType]::ParameterName, 'First step: also send an email or SMS code (with --method email|sms, or the user''s default)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;session' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List live sessions (of one user, or all)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a session token read from stdin: exit 0 valid, 1 not')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a session, or all of a user''s')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete sessions that have expired or were revoked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;session;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include expired and revoked sessions')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;session;check' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'The client fingerprint the session was bound to at login')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from stdin (the only way: tokens never go on the command line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;session;revoke' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'All sessions of this user (with --all)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'With --user: every session of that user')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;session;prune' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;session;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List live sessions (of one user, or all)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a session token read from stdin: exit 0 valid, 1 not')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a session, or all of a user''s')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete sessions that have expired or were revoked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;session;help;list' {
            break
        }
        'twofa;session;help;check' {
            break
        }
        'twofa;session;help;revoke' {
            break
        }
        'twofa;session;help;prune' {
            break
        }
        'twofa;session;help;help' {
            break
        }
        'twofa;policy' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the global policy or a group''s')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove the global policy or a group''s')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the policies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;policy;set' {
            [CompletionResult]::new('--methods', '--methods', [CompletionResultType]::ParameterName, 'Allowed methods, e.g. totp,email (within the config''s [auth] methods); "all" lifts the restriction')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long a member who must enroll may still log in without a factor, e.g. 7d')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--global', '--global', [CompletionResultType]::ParameterName, 'The global policy, for every user')
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Members must use a second factor')
            [CompletionResult]::new('--optional', '--optional', [CompletionResultType]::ParameterName, 'A second factor is optional')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show how many users would become overdue or stay in grace, and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;policy;unset' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--global', '--global', [CompletionResultType]::ParameterName, 'The global policy, for every user')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;policy;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;policy;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the global policy or a group''s')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove the global policy or a group''s')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the policies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;policy;help;set' {
            break
        }
        'twofa;policy;help;unset' {
            break
        }
        'twofa;policy;help;list' {
            break
        }
        'twofa;policy;help;help' {
            break
        }
        'twofa;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;report' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only this group')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--smtp', '--smtp', [CompletionResultType]::ParameterName, 'Also connect to the SMTP server, negotiate TLS and authenticate (nothing is sent)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings (such as users overdue for enrollment) as failures')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the key ring (each key''s id, role and how many secrets it seals), its file and permissions')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Drop a key from the ring: refused for the primary and while anything is sealed under it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;key;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;key;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;key;rotate' {
            [CompletionResult]::new('--new-key-file', '--new-key-file', [CompletionResultType]::ParameterName, 'Import the primary key of this key file (it is only read, never changed) instead of a new random key')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Rotate to this key already in the ring (see `key add`)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;key;retire' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;key;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the key ring (each key''s id, role and how many secrets it seals), its file and permissions')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Drop a key from the ring: refused for the primary and while anything is sealed under it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;key;help;status' {
            break
        }
        'twofa;key;help;add' {
            break
        }
        'twofa;key;help;rotate' {
            break
        }
        'twofa;key;help;retire' {
            break
        }
        'twofa;key;help;help' {
            break
        }
        'twofa;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host''s clock is from the server''s')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring the schema to this twofa''s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;db;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;db;migrate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;db;copy' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The database to copy (an SQLite path or a postgres:// URL); --db / TWOFA_DB when omitted')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The new database (an SQLite path or a postgres:// URL); refused if it already holds one')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;db;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host''s clock is from the server''s')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring the schema to this twofa''s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;db;help;status' {
            break
        }
        'twofa;db;help;migrate' {
            break
        }
        'twofa;db;help;copy' {
            break
        }
        'twofa;db;help;help' {
            break
        }
        'twofa;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List audit records, newest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the log, oldest first, as JSON lines or CSV on stdout')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove records older than a date; the rest of the chain stays verifiable')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;audit;list' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only records about this user')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action (e.g. verify, enroll, user.create; `user` matches all user.*), or an event name (verify.failure: action verify, outcome failure)')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome (success, failure, denied, locked, ...)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records since then: 2026-11-28T07:00:00Z, 2026-11-28, or how long ago (2h, 7d)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many records, newest first; 0 for all')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;audit;verify' {
            [CompletionResult]::new('--expect-head', '--expect-head', [CompletionResultType]::ParameterName, 'A pin from `twofa audit head` (ID:HASH, or a bare HASH): also detect rows cut off the end or rewritten after it')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;audit;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl or csv')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records since then: RFC 3339, a date, or how long ago (7d)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;audit;head' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;audit;prune' {
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Remove records before this time: RFC 3339, a date, or how long ago (365d)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;audit;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List audit records, newest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the log, oldest first, as JSON lines or CSV on stdout')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove records older than a date; the rest of the chain stays verifiable')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;audit;help;list' {
            break
        }
        'twofa;audit;help;verify' {
            break
        }
        'twofa;audit;help;export' {
            break
        }
        'twofa;audit;help;head' {
            break
        }
        'twofa;audit;help;prune' {
            break
        }
        'twofa;audit;help;help' {
            break
        }
        'twofa;pam' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--require-code', '--require-code', [CompletionResultType]::ParameterName, 'Let in only users whose code is accepted: refuse users without a factor, whatever their policy (for stacks where the code replaces the password, such as sudo''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;hooks' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured hooks and the events they run on')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;hooks;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;hooks;test' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user named in the sample event')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;hooks;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured hooks and the events they run on')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;hooks;help;list' {
            break
        }
        'twofa;hooks;help;test' {
            break
        }
        'twofa;hooks;help;help' {
            break
        }
        'twofa;self' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll yourself: an authenticator app (the default) or your email address')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate your pending factor with a first code from it')
            [CompletionResult]::new('send-code', 'send-code', [CompletionResultType]::ParameterValue, 'Send a code to your email (or phone), to prove that you have it')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Your factors, policy, compliance, lock and sessions')
            [CompletionResult]::new('recovery', 'recovery', [CompletionResultType]::ParameterValue, 'New recovery codes (the old ones stop working); shown once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;self;enroll' {
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'When you already have a factor: a current code from it, or a recovery code [default: asked for on a terminal, else the first line of stdin]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace your authenticator app (a new phone); the old one works until the new one is confirmed')
            [CompletionResult]::new('--invert', '--invert', [CompletionResultType]::ParameterName, 'Draw the QR code for a light-background terminal')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Draw the QR code even when stdout is not a terminal')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;self;confirm' {
            [CompletionResult]::new('--factor', '--factor', [CompletionResultType]::ParameterName, 'The pending factor [default: your only pending factor]')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'The first code from the new factor [default: asked for on a terminal, else the first line of stdin]')
            [CompletionResult]::new('--current-code', '--current-code', [CompletionResultType]::ParameterName, 'When you already have another factor: a current code from it, or a recovery code [default: asked for on a terminal, else the second line of stdin]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;self;send-code' {
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Where to send it [default: email if you have it, else SMS]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;self;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;self;recovery' {
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'When you already have a factor: a current code from it, or a recovery code [default: asked for on a terminal, else the first line of stdin]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;self;help' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll yourself: an authenticator app (the default) or your email address')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate your pending factor with a first code from it')
            [CompletionResult]::new('send-code', 'send-code', [CompletionResultType]::ParameterValue, 'Send a code to your email (or phone), to prove that you have it')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Your factors, policy, compliance, lock and sessions')
            [CompletionResult]::new('recovery', 'recovery', [CompletionResultType]::ParameterValue, 'New recovery codes (the old ones stop working); shown once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;self;help;enroll' {
            break
        }
        'twofa;self;help;confirm' {
            break
        }
        'twofa;self;help;send-code' {
            break
        }
        'twofa;self;help;status' {
            break
        }
        'twofa;self;help;recovery' {
            break
        }
        'twofa;self;help;help' {
            break
        }
        'twofa;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Where to listen: HOST:PORT (loopback, unless TLS or --behind-proxy) or unix:PATH; repeatable [default: the config''s `[serve] listen`]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--behind-proxy', '--behind-proxy', [CompletionResultType]::ParameterName, 'Allow plain HTTP on a non-loopback address, for a TLS proxy in front; the proxies'' addresses (`[serve] trusted_proxies`) are believed for X-Forwarded-For')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;api-token' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a token (printed once); the service audits its requests as `api:NAME`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token: it stops working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;api-token;create' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'What it may do: verify, enroll, admin, metrics (comma-separated)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long it works, e.g. 90d [default: until revoked]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;api-token;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include revoked tokens')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;api-token;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;api-token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a token (printed once); the service audits its requests as `api:NAME`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token: it stops working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;api-token;help;create' {
            break
        }
        'twofa;api-token;help;list' {
            break
        }
        'twofa;api-token;help;revoke' {
            break
        }
        'twofa;api-token;help;help' {
            break
        }
        'twofa;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands without a terminal)')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the database (and its folder) where --db / TWOFA_DB points, if it is missing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr about what is done')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'twofa;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database and key (any command that needs them does this too)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Manage groups')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll a user in a second factor')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate a pending factor with a code from it')
            [CompletionResult]::new('factor', 'factor', [CompletionResultType]::ParameterValue, 'List or remove a user''s factors')
            [CompletionResult]::new('send-code', 'send-code', [CompletionResultType]::ParameterValue, 'Send a fresh code to a user''s email or phone')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a code: exit 0 accepted, 1 refused, 3 unknown user, 4 locked')
            [CompletionResult]::new('recovery', 'recovery', [CompletionResultType]::ParameterValue, 'Recovery codes for the day a phone is lost')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Remove all of a user''s factors, recovery codes and sessions (lost phone), with a reason')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift a user''s lockout and forget their failures')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in: password, then a second factor where needed; issues a session')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'List, check, revoke and prune sessions')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Enforcement policies: who must use 2FA, with which methods, after what grace')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'A user''s factors, effective policy, compliance, lock and sessions')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Compliance per group, and who is in grace or overdue')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check config, key, database, audit chain, policies and compliance (for CI): exit 0 sound, 1 not')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'The master key: status, rotation')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database: backend and server status, schema migrations, copying a site between SQLite and PostgreSQL')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent copy of the database (the key is not in it)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and check the audit log')
            [CompletionResult]::new('pam', 'pam', [CompletionResultType]::ParameterValue, 'Backend for pam_exec (expose_authtok): user from PAM_USER, code on stdin; exit 0 only when allowed')
            [CompletionResult]::new('hooks', 'hooks', [CompletionResultType]::ParameterValue, 'List the event hooks, or send a sample event to them')
            [CompletionResult]::new('self', 'self', [CompletionResultType]::ParameterValue, 'Self-service for the invoking user (run through sudo): enroll, confirm, status, recovery codes')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the HTTP service: JSON API, enrollment pages, metrics (stops on SIGTERM)')
            [CompletionResult]::new('api-token', 'api-token', [CompletionResultType]::ParameterValue, 'Tokens for the callers of `twofa serve`: create, list, revoke')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twofa;help;init' {
            break
        }
        'twofa;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a user')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password (asks twice on a terminal); ends their sessions')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a user with groups, factors and lock state')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a user''s email or phone')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user and their factors (asks first; --yes without a terminal)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import users from CSV (username,email,phone,groups,password_hash) or JSON lines')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export users in the import format (no passwords or secrets)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: their codes and logins are refused until enabled again; ends their sessions')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            break
        }
        'twofa;help;user;add' {
            break
        }
        'twofa;help;user;passwd' {
            break
        }
        'twofa;help;user;list' {
            break
        }
        'twofa;help;user;show' {
            break
        }
        'twofa;help;user;set' {
            break
        }
        'twofa;help;user;remove' {
            break
        }
        'twofa;help;user;import' {
            break
        }
        'twofa;help;user;export' {
            break
        }
        'twofa;help;user;disable' {
            break
        }
        'twofa;help;user;enable' {
            break
        }
        'twofa;help;group' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a group')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a group and its members')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group; its members stay (asks first when it has members)')
            [CompletionResult]::new('add-user', 'add-user', [CompletionResultType]::ParameterValue, 'Add users to a group')
            [CompletionResult]::new('remove-user', 'remove-user', [CompletionResultType]::ParameterValue, 'Take users out of a group')
            break
        }
        'twofa;help;group;add' {
            break
        }
        'twofa;help;group;list' {
            break
        }
        'twofa;help;group;show' {
            break
        }
        'twofa;help;group;remove' {
            break
        }
        'twofa;help;group;add-user' {
            break
        }
        'twofa;help;group;remove-user' {
            break
        }
        'twofa;help;enroll' {
            [CompletionResult]::new('totp', 'totp', [CompletionResultType]::ParameterValue, 'Enroll a user in an authenticator app (TOTP) and show the QR code')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'Enroll a user''s email address: a code is sent to it, to be confirmed with `twofa confirm`')
            [CompletionResult]::new('hotp', 'hotp', [CompletionResultType]::ParameterValue, 'Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'Enroll a user''s phone for SMS codes (needs `[sms] enabled = true`)')
            break
        }
        'twofa;help;enroll;totp' {
            break
        }
        'twofa;help;enroll;email' {
            break
        }
        'twofa;help;enroll;hotp' {
            break
        }
        'twofa;help;enroll;link' {
            break
        }
        'twofa;help;enroll;sms' {
            break
        }
        'twofa;help;confirm' {
            break
        }
        'twofa;help;factor' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import authenticator factors from another system''s file: otpauth URIs, google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA, Google Authenticator''s export, oath-toolkit''s users file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`')
            [CompletionResult]::new('resync', 'resync', [CompletionResultType]::ParameterValue, 'Resynchronise an HOTP token that drifted beyond the window: two consecutive codes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s factors')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one of a user''s factors (asks first; --yes without a terminal)')
            break
        }
        'twofa;help;factor;import' {
            break
        }
        'twofa;help;factor;export' {
            break
        }
        'twofa;help;factor;resync' {
            break
        }
        'twofa;help;factor;list' {
            break
        }
        'twofa;help;factor;remove' {
            break
        }
        'twofa;help;send-code' {
            break
        }
        'twofa;help;verify' {
            break
        }
        'twofa;help;recovery' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make a new set of recovery codes (the old set stops working); shown once')
            break
        }
        'twofa;help;recovery;generate' {
            break
        }
        'twofa;help;reset' {
            break
        }
        'twofa;help;unlock' {
            break
        }
        'twofa;help;login' {
            break
        }
        'twofa;help;session' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List live sessions (of one user, or all)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a session token read from stdin: exit 0 valid, 1 not')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a session, or all of a user''s')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete sessions that have expired or were revoked')
            break
        }
        'twofa;help;session;list' {
            break
        }
        'twofa;help;session;check' {
            break
        }
        'twofa;help;session;revoke' {
            break
        }
        'twofa;help;session;prune' {
            break
        }
        'twofa;help;policy' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the global policy or a group''s')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove the global policy or a group''s')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the policies')
            break
        }
        'twofa;help;policy;set' {
            break
        }
        'twofa;help;policy;unset' {
            break
        }
        'twofa;help;policy;list' {
            break
        }
        'twofa;help;status' {
            break
        }
        'twofa;help;report' {
            break
        }
        'twofa;help;check' {
            break
        }
        'twofa;help;key' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the key ring (each key''s id, role and how many secrets it seals), its file and permissions')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Drop a key from the ring: refused for the primary and while anything is sealed under it')
            break
        }
        'twofa;help;key;status' {
            break
        }
        'twofa;help;key;add' {
            break
        }
        'twofa;help;key;rotate' {
            break
        }
        'twofa;help;key;retire' {
            break
        }
        'twofa;help;db' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host''s clock is from the server''s')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring the schema to this twofa''s version: on PostgreSQL the only way it changes (once, from one host, in one transaction)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits')
            break
        }
        'twofa;help;db;status' {
            break
        }
        'twofa;help;db;migrate' {
            break
        }
        'twofa;help;db;copy' {
            break
        }
        'twofa;help;backup' {
            break
        }
        'twofa;help;audit' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List audit records, newest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the log, oldest first, as JSON lines or CSV on stdout')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove records older than a date; the rest of the chain stays verifiable')
            break
        }
        'twofa;help;audit;list' {
            break
        }
        'twofa;help;audit;verify' {
            break
        }
        'twofa;help;audit;export' {
            break
        }
        'twofa;help;audit;head' {
            break
        }
        'twofa;help;audit;prune' {
            break
        }
        'twofa;help;pam' {
            break
        }
        'twofa;help;hooks' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured hooks and the events they run on')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a sample event to the hooks configured for it and report what each did: exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied')
            break
        }
        'twofa;help;hooks;list' {
            break
        }
        'twofa;help;hooks;test' {
            break
        }
        'twofa;help;self' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll yourself: an authenticator app (the default) or your email address')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate your pending factor with a first code from it')
            [CompletionResult]::new('send-code', 'send-code', [CompletionResultType]::ParameterValue, 'Send a code to your email (or phone), to prove that you have it')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Your factors, policy, compliance, lock and sessions')
            [CompletionResult]::new('recovery', 'recovery', [CompletionResultType]::ParameterValue, 'New recovery codes (the old ones stop working); shown once')
            break
        }
        'twofa;help;self;enroll' {
            break
        }
        'twofa;help;self;confirm' {
            break
        }
        'twofa;help;self;send-code' {
            break
        }
        'twofa;help;self;status' {
            break
        }
        'twofa;help;self;recovery' {
            break
        }
        'twofa;help;serve' {
            break
        }
        'twofa;help;api-token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a token (printed once); the service audits its requests as `api:NAME`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token: it stops working at once')
            break
        }
        'twofa;help;api-token;create' {
            break
        }
        'twofa;help;api-token;list' {
            break
        }
        'twofa;help;api-token;revoke' {
            break
        }
        'twofa;help;completions' {
            break
        }
        'twofa;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
