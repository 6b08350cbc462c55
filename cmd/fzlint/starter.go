package main

import "time"

func currentYear() int { return time.Now().Year() }

// starterConfig is what `fzlint init` writes: every section commented out, so the file
// changes nothing until the user edits it.
const starterConfig = `# .fzlint.toml: this project's changes to fzlint's built-in rules (rules.toml).
#
# fzlint reads the nearest .fzlint.toml from each checked file's directory upward (or the file
# given with --config) on top of the built-in rules: scalars replace, lists are extended, and
# tables in [[...]] lists with the key of a built-in one replace it. See ` + "`fzlint rules`" + ` for the
# rule ids and ` + "`fzlint explain RULE`" + ` for what each checks.

# Change a rule's severity, or turn it off: "error", "warning", "info" or "off".
# [severity]
# "language/punctuation-width" = "off"
# "structure/heading-template" = "off"

# This province's deadline for departments' reports (the 成文日期 must be before it).
# [profiles.department]
# deadline = "03-01"

# Your guideline prescribes the part headings word for word: report every difference from the
# template (by default only a wrong year, 本年度/上一年度 for the year, or a typo such as 推荐 for 推进).
# [heading_template]
# strict = true

# Lines of your website's page chrome to ignore in saved pages.
# [document]
# chrome = ['^本页责任编辑']
`
